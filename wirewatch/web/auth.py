"""Who may use the web pages: a users file with argon2 hashes, two roles, and CSRF tokens.

The users file (``WIREWATCH_WEB_USERS``)::

    users:
      - name: dana
        role: analyst          # viewer: reads; analyst: also marks, silences, surges
        password_hash: "$argon2id$v=19$m=65536,t=3,p=4$..."   # wirewatch web hash-password

For teams with single sign-on, put an OIDC-aware reverse proxy (oauth2-proxy, Pomerium, a cloud
load balancer) in front and set ``WIREWATCH_WEB_TRUSTED_HEADER`` to the header it sets with the
user's name (e.g. ``X-Forwarded-User``); that user must still be in the users file, which gives the
role (its password hash may then be ``"!"``, which matches no password). Only enable the header
when nothing but the proxy can reach the port: anyone who can, can claim any name.
"""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict, Field

from wirewatch import yamlfile
from wirewatch.errors import ConfigError

Role = Literal["viewer", "analyst"]
_NONE = "!"  # a password hash that matches no password (users who log in through the proxy only)
_HASHER = PasswordHasher()
# Checked when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY = _HASHER.hash("not a password of anyone")


class User(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9._@-]{1,100}$", description="login name")
    role: Role = Field(description="viewer reads; analyst may also give feedback, silence and surge")
    password_hash: str = Field(description="argon2 hash (wirewatch web hash-password); '!' for none")

    @property
    def analyst(self) -> bool:
        return self.role == "analyst"


class UsersFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    users: tuple[User, ...] = ()


class Users:
    def __init__(self, users: tuple[User, ...] = ()) -> None:
        self.by_name = {u.name: u for u in users}

    @classmethod
    def load(cls, path: Path | None) -> Users:
        if path is None:
            return cls()
        if not path.exists():
            raise ConfigError("users file not found", path=str(path))
        return cls(yamlfile.load(path, UsersFile).users)

    def check(self, name: str, password: str) -> User | None:
        """The user if the password is theirs; None otherwise (same cost either way)."""
        user = self.by_name.get(name)
        stored = user.password_hash if user is not None and user.password_hash != _NONE else _DUMMY
        try:
            _HASHER.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        return user if user is not None and user.password_hash != _NONE else None

    def named(self, name: str) -> User | None:
        return self.by_name.get(name)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(given: str | None, expected: str | None) -> bool:
    return bool(given) and bool(expected) and hmac.compare_digest(str(given), str(expected))
