"""Decodes a JwtAuth token with PyJWT as a resource server would: the shared HMAC key, the one
algorithm, exp checked. Prints the payload as JSON; exits 1 with PyJWT's error when it refuses."""
import json
import sys

import jwt

token, key, algorithm = sys.argv[1], sys.argv[2], sys.argv[3]
try:
    payload = jwt.decode(token, key, algorithms=[algorithm])
except jwt.PyJWTError as error:
    print("refused: %s: %s" % (type(error).__name__, error))
    sys.exit(1)
print(json.dumps(payload))
