"""How every Kafka client of wirewatch reaches the brokers: servers, TLS and SASL, in one place.

``client_config`` turns the settings into the keyword arguments of kafka-python's
``KafkaProducer``, ``KafkaConsumer`` and ``KafkaAdminClient``; ``faust_broker`` into Faust's
``broker`` and ``broker_credentials`` (aiokafka underneath). Every client construction goes
through one of them, so a cluster that requires SASL_SSL is reached by all or by none.

Secrets (the SASL password, an OAUTHBEARER token, a key's password) are read from files when a
client is made, never logged; ``describe`` gives the resolved settings with every secret masked.
``refused`` turns a broker's authorization error into one line naming the principal and the
resource, without a secret.
"""

from __future__ import annotations

import os
import ssl
from pathlib import Path
from typing import Any

from wirewatch.config import Settings
from wirewatch.errors import ConfigError, WirewatchError

MASK = "*****"


class AccessDenied(WirewatchError):
    """The brokers authenticated this principal but refused it an operation (ACLs)."""


def read_secret(path: Path, field: str) -> str:
    """The first line of a secret file; a ``ConfigError`` naming the file (never its content)."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(path), field=field) from None
    except UnicodeDecodeError:
        raise ConfigError("is not UTF-8 text", path=str(path), field=field) from None
    secret = text.strip("\r\n").splitlines()[0] if text.strip() else ""
    if not secret:
        raise ConfigError("is empty", path=str(path), field=field)
    return secret


class FileToken:
    """An OAUTHBEARER token read from a file at every authentication (a side-car refreshes it).

    Both kafka-python (``token()``) and aiokafka (``await token()``) call ``token``; the two
    subclasses below give each client the shape it calls."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> str:
        return read_secret(self.path, "kafka_sasl_oauth_token_file")

    def extensions(self) -> dict[str, str]:
        return {}


def _kafka_python_token(path: Path) -> Any:
    from kafka.net.sasl.oauth import AbstractTokenProvider

    class Provider(FileToken, AbstractTokenProvider):  # type: ignore[misc]
        def token(self) -> str:
            return self.read()

    return Provider(path)


def _aiokafka_token(path: Path) -> Any:
    from aiokafka.abc import AbstractTokenProvider

    class Provider(FileToken, AbstractTokenProvider):  # type: ignore[misc]
        async def token(self) -> str:
            return self.read()

    return Provider(path)


def client_config(settings: Settings) -> dict[str, Any]:
    """``bootstrap_servers`` and the security arguments of a kafka-python client."""
    config: dict[str, Any] = {
        "bootstrap_servers": [s.strip() for s in settings.kafka_bootstrap.split(",")],
        "security_protocol": settings.kafka_security_protocol,
    }
    if settings.kafka_security_protocol in ("SSL", "SASL_SSL"):
        config["ssl_check_hostname"] = settings.kafka_ssl_check_hostname
        if settings.kafka_ssl_cafile is not None:
            config["ssl_cafile"] = str(settings.kafka_ssl_cafile)
        if settings.kafka_ssl_certfile is not None:
            config["ssl_certfile"] = str(settings.kafka_ssl_certfile)
            config["ssl_keyfile"] = str(settings.kafka_ssl_keyfile)
        if settings.kafka_ssl_password_file is not None:
            config["ssl_password"] = read_secret(settings.kafka_ssl_password_file, "kafka_ssl_password_file")
    mechanism = settings.kafka_sasl_mechanism
    if mechanism is not None:
        config["sasl_mechanism"] = mechanism
        if mechanism == "OAUTHBEARER":
            assert settings.kafka_sasl_oauth_token_file is not None  # the settings' validator
            config["sasl_oauth_token_provider"] = _kafka_python_token(settings.kafka_sasl_oauth_token_file)
        else:
            assert settings.kafka_sasl_plain_password_file is not None
            config["sasl_plain_username"] = settings.kafka_sasl_plain_username
            config["sasl_plain_password"] = read_secret(
                settings.kafka_sasl_plain_password_file, "kafka_sasl_plain_password_file"
            )
    return config


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """The TLS context of aiokafka (under Faust), from the same settings; None without TLS."""
    if settings.kafka_security_protocol not in ("SSL", "SASL_SSL"):
        return None
    cafile = str(settings.kafka_ssl_cafile) if settings.kafka_ssl_cafile else None
    try:
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=cafile)
        if settings.kafka_ssl_certfile is not None:
            password = (
                read_secret(settings.kafka_ssl_password_file, "kafka_ssl_password_file")
                if settings.kafka_ssl_password_file
                else None
            )
            context.load_cert_chain(
                str(settings.kafka_ssl_certfile), str(settings.kafka_ssl_keyfile), password=password
            )
    except (OSError, ssl.SSLError) as exc:
        # The file is named; ssl's own message never quotes a key or a password.
        raise ConfigError(f"TLS material unusable: {exc}", field="kafka_ssl_*") from None
    context.check_hostname = settings.kafka_ssl_check_hostname
    return context


def faust_broker(settings: Settings) -> dict[str, Any]:
    """Faust's ``broker`` and ``broker_credentials`` (and nothing else on PLAINTEXT)."""
    from faust.auth import OAuthCredentials, SASLCredentials, SSLCredentials

    servers = [f"kafka://{s.strip()}" for s in settings.kafka_bootstrap.split(",")]
    config: dict[str, Any] = {"broker": servers}
    context = ssl_context(settings)
    mechanism = settings.kafka_sasl_mechanism
    if mechanism == "OAUTHBEARER":
        assert settings.kafka_sasl_oauth_token_file is not None
        config["broker_credentials"] = OAuthCredentials(
            oauth_cb=_aiokafka_token(settings.kafka_sasl_oauth_token_file), ssl_context=context
        )
    elif mechanism is not None:
        assert settings.kafka_sasl_plain_password_file is not None
        config["broker_credentials"] = SASLCredentials(
            username=settings.kafka_sasl_plain_username,
            password=read_secret(settings.kafka_sasl_plain_password_file, "kafka_sasl_plain_password_file"),
            ssl_context=context,
            mechanism=mechanism,
        )
    elif context is not None:
        config["broker_credentials"] = SSLCredentials(context)
    return config


def principal(settings: Settings) -> str:
    """The principal the brokers see, as far as the client knows it (``User:<name>``)."""
    if settings.kafka_sasl_mechanism in ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"):
        return f"User:{settings.kafka_sasl_plain_username}"
    if settings.kafka_sasl_mechanism == "OAUTHBEARER":
        return "the OAUTHBEARER token's subject"
    if settings.kafka_ssl_certfile is not None:
        return f"the subject of {settings.kafka_ssl_certfile}"
    return "User:ANONYMOUS"


def describe(settings: Settings) -> list[tuple[str, str]]:
    """The resolved connection settings, as check-config prints them: files named, secrets masked.

    A secret file is reported as readable or not, never read out."""

    def secret(path: Path | None) -> str:
        if path is None:
            return "(none)"
        readable = path.is_file() and path.stat().st_size > 0
        return f"{MASK} (from {path}{'' if readable else ', NOT READABLE OR EMPTY'})"

    def file(path: Path | None) -> str:
        if path is None:
            return "(none)"
        return f"{path}{'' if path.is_file() else ' (MISSING)'}"

    rows = [
        ("kafka_bootstrap", settings.kafka_bootstrap),
        ("kafka_security_protocol", settings.kafka_security_protocol),
    ]
    if settings.kafka_sasl_mechanism is not None:
        rows.append(("kafka_sasl_mechanism", settings.kafka_sasl_mechanism))
        if settings.kafka_sasl_mechanism == "OAUTHBEARER":
            rows.append(("kafka_sasl_oauth_token", secret(settings.kafka_sasl_oauth_token_file)))
        else:
            rows.append(("kafka_sasl_plain_username", str(settings.kafka_sasl_plain_username)))
            rows.append(("kafka_sasl_plain_password", secret(settings.kafka_sasl_plain_password_file)))
    if settings.kafka_security_protocol in ("SSL", "SASL_SSL"):
        rows.append(
            (
                "kafka_ssl_cafile",
                file(settings.kafka_ssl_cafile) if settings.kafka_ssl_cafile else "(system CAs)",
            )
        )
        rows.append(("kafka_ssl_check_hostname", str(settings.kafka_ssl_check_hostname).lower()))
        if settings.kafka_ssl_certfile is not None:
            rows.append(("kafka_ssl_certfile", file(settings.kafka_ssl_certfile)))
            rows.append(("kafka_ssl_keyfile", f"{MASK} (from {settings.kafka_ssl_keyfile})"))
        if settings.kafka_ssl_password_file is not None:
            rows.append(("kafka_ssl_password", secret(settings.kafka_ssl_password_file)))
    rows.append(("principal", principal(settings)))
    rows.append(("replication_factor", str(settings.replication_factor)))
    rows.append(
        (
            "min_insync_replicas",
            str(settings.min_insync_replicas) if settings.min_insync_replicas else "(broker default)",
        )
    )
    return rows


def file_problems(settings: Settings) -> list[tuple[str, Path, str]]:
    """(field, path, what is wrong) for each TLS or SASL file the settings name that cannot be used:
    missing, unreadable or empty. Reads no secret out."""
    named = {
        "kafka_sasl_plain_password_file": settings.kafka_sasl_plain_password_file,
        "kafka_sasl_oauth_token_file": settings.kafka_sasl_oauth_token_file,
        "kafka_ssl_cafile": settings.kafka_ssl_cafile,
        "kafka_ssl_certfile": settings.kafka_ssl_certfile,
        "kafka_ssl_keyfile": settings.kafka_ssl_keyfile,
        "kafka_ssl_password_file": settings.kafka_ssl_password_file,
    }
    out = []
    for field, path in named.items():
        if path is None:
            continue
        if not path.is_file():
            out.append((field, path, "no such file"))
        elif not os.access(path, os.R_OK):
            out.append((field, path, "not readable by this user"))
        elif path.stat().st_size == 0:
            out.append((field, path, "is empty"))
    return out


def is_refusal(exc: BaseException) -> bool:
    """A broker's authorization or authentication error, from either client."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    return bool(
        names
        & {
            "AuthorizationError",  # kafka-python: topic, group, cluster
            "AuthenticationFailedError",  # kafka-python SASL
            "TopicAuthorizationFailedError",  # aiokafka's names
            "GroupAuthorizationFailedError",
            "ClusterAuthorizationFailedError",
            "SaslAuthenticationFailedError",
        }
    )


def _items(arg: object) -> list[object]:
    return list(arg) if isinstance(arg, set | frozenset | list | tuple) else [arg]


def refused(exc: BaseException, settings: Settings, worker: str = "") -> AccessDenied:
    """One line for a refusal: who, what was refused, on what, and what to do; no secret."""
    who = f"{worker}: " if worker else ""
    kind = type(exc).__name__
    what = {
        "TopicAuthorizationFailedError": "topic",
        "GroupAuthorizationFailedError": "consumer group",
        "ClusterAuthorizationFailedError": "cluster operation",
    }.get(kind)
    if what is None and "Authentication" in kind:
        return AccessDenied(
            f"{who}Kafka at {settings.kafka_bootstrap} refused to authenticate {principal(settings)} "
            f"({settings.kafka_security_protocol} {settings.kafka_sasl_mechanism}): authentication failed; "
            "check the user name and the password file"
        )
    resources = sorted(str(item) for arg in exc.args for item in _items(arg))
    on = f" on {what or 'resource'} {', '.join(resources)}" if resources else ""
    return AccessDenied(
        f"{who}Kafka at {settings.kafka_bootstrap} refused {principal(settings)}{on}: authorization "
        f"failed ({kind}); grant this principal its ACLs ('wirewatch topics --acls' lists them) or give "
        "the worker its own credentials"
    )
