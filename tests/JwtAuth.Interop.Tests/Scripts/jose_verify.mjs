// jose verifying a JwtAuth token through the JWKS, as a resource server on Node would, with the
// documented token_type check (docs/resource-servers.md, "Plain JWKS").
// usage: node jose_verify.mjs JWKS_URL ALGORITHM TOKEN
// Prints the payload as JSON; exits 1 with the reason when refused.
import { createRemoteJWKSet, jwtVerify } from "jose";

const [jwksUrl, algorithm, token] = process.argv.slice(2);
const jwks = createRemoteJWKSet(new URL(jwksUrl));
try {
  const { payload } = await jwtVerify(token, jwks, { algorithms: [algorithm] });
  if (payload.token_type !== "access") {
    throw new Error(`token_type is ${payload.token_type}, not access`);
  }
  console.log(JSON.stringify(payload));
} catch (error) {
  console.log(`refused: ${error.code ?? error.name}: ${error.message}`);
  process.exit(1);
}
