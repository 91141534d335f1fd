"""Django REST Framework SimpleJWT's JWTAuthentication (the peer's Django project) authenticating a
JwtAuth token for a Django user created with the same id.

usage: django_authenticate.py PEER_DJANGO_DIR DB_PATH USER_ID USERNAME TOKEN (hs KEY | jwk JWKS_URL ALGORITHM)
Prints {"id", "username"} of the authenticated user; exits 1 with SimpleJWT's message when refused."""
import json
import os
import sys

peer_dir, db_path, user_id, username, token, mode = sys.argv[1:7]
sys.path.insert(0, peer_dir)
os.environ["DJANGO_SETTINGS_MODULE"] = "peerproj.settings"
os.environ["PEER_DB_PATH"] = db_path

import peerproj.settings as peer_settings  # noqa: E402  (the settings must change before Django reads them)

if mode == "hs":
    peer_settings.SIMPLE_JWT.update({"ALGORITHM": "HS256", "SIGNING_KEY": sys.argv[7]})
else:
    # SimpleJWT fetches the verifying key from the JWKS by the token's kid (PyJWKClient).
    peer_settings.SIMPLE_JWT.update({"ALGORITHM": sys.argv[8], "SIGNING_KEY": "", "VERIFYING_KEY": None, "JWK_URL": sys.argv[7]})

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from rest_framework_simplejwt.authentication import JWTAuthentication  # noqa: E402
from rest_framework_simplejwt.exceptions import InvalidToken  # noqa: E402

call_command("migrate", verbosity=0, interactive=False)
get_user_model().objects.create_user(id=int(user_id), username=username, password="not-used-here")

authentication = JWTAuthentication()
try:
    user = authentication.get_user(authentication.get_validated_token(token.encode()))
except InvalidToken as error:
    print("refused: %s" % json.dumps(error.detail, default=str))
    sys.exit(1)
print(json.dumps({"id": user.id, "username": user.username}))
