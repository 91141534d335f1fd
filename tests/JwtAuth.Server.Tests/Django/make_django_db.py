"""Builds a Django 3.2 + SimpleJWT (token_blacklist) database for the import tests, with the real Django.

Usage: python3 make_django_db.py SIGNING_KEY (sqlite PATH | postgres HOST PORT DBNAME) [DUMPDATA_PATH]
Prints one JSON object: each user with its password and id, and the tokens SimpleJWT issued.
"""
import json
import sys

import django
from django.conf import settings

key, kind = sys.argv[1], sys.argv[2]
if kind == "sqlite":
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": sys.argv[3]}
    rest = sys.argv[4:]
else:
    database = {"ENGINE": "django.db.backends.postgresql", "HOST": sys.argv[3], "PORT": sys.argv[4],
                "NAME": sys.argv[5], "USER": "postgres"}
    rest = sys.argv[6:]

settings.configure(
    DATABASES={"default": database},
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework_simplejwt.token_blacklist"],
    DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    USE_TZ=True,
    SECRET_KEY="import-test",
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
        "django.contrib.auth.hashers.BCryptPasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ],
    SIMPLE_JWT={"SIGNING_KEY": key, "ALGORITHM": "HS256"},
)
django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from rest_framework_simplejwt.tokens import RefreshToken  # noqa: E402

call_command("migrate", verbosity=0)
users = []
for hasher in ["pbkdf2_sha256", "pbkdf2_sha1", "argon2", "bcrypt_sha256", "bcrypt", "md5"]:
    password = f"{hasher}-password-1"
    user = User.objects.create(username=f"user_{hasher}", email=f"{hasher}@example.com",
                               password=make_password(password, hasher=hasher))
    users.append({"username": user.username, "password": password, "id": user.id, "hasher": hasher})
staff = User.objects.create(username="staff", password=make_password("staff-password-1"), is_staff=True, is_superuser=True)
users.append({"username": "staff", "password": "staff-password-1", "id": staff.id, "hasher": "pbkdf2_sha256"})
inactive = User.objects.create(username="inactive", password=make_password("inactive-password-1"), is_active=False)
users.append({"username": "inactive", "password": "inactive-password-1", "id": inactive.id, "hasher": "pbkdf2_sha256"})

owner = User.objects.get(username="user_pbkdf2_sha256")
outstanding = RefreshToken.for_user(owner)
race = RefreshToken.for_user(owner)
blacklisted = RefreshToken.for_user(owner)
blacklisted.blacklist()
print(json.dumps({
    "users": users,
    "owner": owner.id,
    "refresh": str(outstanding),
    "race": str(race),
    "blacklisted": str(blacklisted),
    "access": str(outstanding.access_token),
}))
if rest:
    call_command("dumpdata", "auth.user", "token_blacklist", output=rest[0], format="json")
