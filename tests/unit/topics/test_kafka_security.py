"""TLS and SASL settings: validated together, turned into every client's arguments by one function,
shown by check-config with each secret masked, and a refusal said in one line without a secret."""

from __future__ import annotations

import io
import logging
import ssl
from pathlib import Path
from typing import Any

import pytest

from wirewatch.checkconfig import check_config
from wirewatch.config import load_settings
from wirewatch.errors import ConfigError
from wirewatch.topics.acls import grants
from wirewatch.topics.security import (
    MASK,
    client_config,
    describe,
    faust_broker,
    file_problems,
    refused,
    ssl_context,
)

PASSWORD = "s3cret-Pa55word"
CA = """-----BEGIN CERTIFICATE-----
MIIBfzCCASWgAwIBAgIUV8h6Rz5J0x0j9a4Jc3eU5S2uQy8wCgYIKoZIzj0EAwIw
-----END CERTIFICATE-----
"""


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "kafka.password"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    return path


def scram(secret: Path, **extra: Any) -> Any:
    values: dict[str, Any] = {
        "kafka_bootstrap": "b1:9093,b2:9093",
        "kafka_security_protocol": "SASL_SSL",
        "kafka_sasl_mechanism": "SCRAM-SHA-512",
        "kafka_sasl_plain_username": "wirewatch-poller",
        "kafka_sasl_plain_password_file": secret,
    }
    return load_settings(**(values | extra))


def test_the_default_is_plaintext_with_nothing_else(clean_env: None) -> None:
    config = client_config(load_settings())
    assert config == {"bootstrap_servers": ["127.0.0.1:9092"], "security_protocol": "PLAINTEXT"}
    assert faust_broker(load_settings()) == {"broker": ["kafka://127.0.0.1:9092"]}
    assert ssl_context(load_settings()) is None


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ({"kafka_security_protocol": "SASL_SSL"}, "SASL_SSL needs kafka_sasl_mechanism"),
        ({"kafka_sasl_mechanism": "PLAIN"}, "needs a SASL_* kafka_security_protocol"),
        (
            {"kafka_security_protocol": "SASL_SSL", "kafka_sasl_mechanism": "SCRAM-SHA-512"},
            "needs kafka_sasl_plain_username and kafka_sasl_plain_password_file",
        ),
        (
            {"kafka_security_protocol": "SASL_PLAINTEXT", "kafka_sasl_mechanism": "OAUTHBEARER"},
            "OAUTHBEARER needs kafka_sasl_oauth_token_file",
        ),
        ({"kafka_security_protocol": "SSL", "kafka_ssl_certfile": "c.pem"}, "go together"),
        ({"replication_factor": 3, "min_insync_replicas": 4}, "no write could ever succeed"),
        ({"kafka_sasl_mechanism": "GSSAPI"}, "kafka_sasl_mechanism"),
        ({"kafka_security_protocol": "TLS"}, "kafka_security_protocol"),
    ],
)
def test_settings_that_cannot_work_together_are_refused_in_words(
    clean_env: None, given: dict[str, Any], words: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(**given)
    assert words in str(caught.value)


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
def test_sasl_with_a_password_from_a_file(clean_env: None, secret: Path, mechanism: str) -> None:
    config = client_config(scram(secret, kafka_sasl_mechanism=mechanism, kafka_ssl_cafile=secret))
    assert config == {
        "bootstrap_servers": ["b1:9093", "b2:9093"],
        "security_protocol": "SASL_SSL",
        "ssl_check_hostname": True,
        "ssl_cafile": str(secret),
        "sasl_mechanism": mechanism,
        "sasl_plain_username": "wirewatch-poller",
        "sasl_plain_password": PASSWORD,  # the file's first line, without its newline
    }


def test_oauthbearer_reads_the_token_file_at_every_authentication(clean_env: None, tmp_path: Path) -> None:
    import asyncio

    from aiokafka.abc import AbstractTokenProvider as AioProvider
    from kafka.net.sasl.oauth import AbstractTokenProvider

    token = tmp_path / "token"
    token.write_text("first-token\n", encoding="utf-8")
    settings = load_settings(
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_mechanism="OAUTHBEARER",
        kafka_sasl_oauth_token_file=token,
    )
    provider = client_config(settings)["sasl_oauth_token_provider"]
    assert isinstance(provider, AbstractTokenProvider)
    assert provider.token() == "first-token"
    token.write_text("refreshed-token\n", encoding="utf-8")  # a side-car renewed it
    assert provider.token() == "refreshed-token"
    credentials = faust_broker(settings)["broker_credentials"]
    assert isinstance(credentials.oauth_cb, AioProvider)
    assert asyncio.run(credentials.oauth_cb.token()) == "refreshed-token"
    assert credentials.protocol.value == "SASL_SSL"


def test_faust_gets_the_same_credentials_for_aiokafka(clean_env: None, secret: Path) -> None:
    from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth

    config = faust_broker(scram(secret))
    assert config["broker"] == ["kafka://b1:9093", "kafka://b2:9093"]
    auth = credentials_to_aiokafka_auth(config["broker_credentials"])
    assert auth["security_protocol"] == "SASL_SSL"
    assert auth["sasl_mechanism"] == "SCRAM-SHA-512"
    assert (auth["sasl_plain_username"], auth["sasl_plain_password"]) == ("wirewatch-poller", PASSWORD)
    assert isinstance(auth["ssl_context"], ssl.SSLContext) and auth["ssl_context"].check_hostname
    plain_sasl = faust_broker(scram(secret, kafka_security_protocol="SASL_PLAINTEXT"))["broker_credentials"]
    assert credentials_to_aiokafka_auth(plain_sasl)["security_protocol"] == "SASL_PLAINTEXT"
    tls_only = faust_broker(load_settings(kafka_security_protocol="SSL"))["broker_credentials"]
    assert credentials_to_aiokafka_auth(tls_only)["security_protocol"] == "SSL"


def test_a_missing_or_empty_secret_file_is_a_config_error_naming_the_file(
    clean_env: None, tmp_path: Path
) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(ConfigError) as caught:
        client_config(scram(missing))
    assert str(missing) in str(caught.value) and "kafka_sasl_plain_password_file" in str(caught.value)
    empty = tmp_path / "empty"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is empty"):
        client_config(scram(empty))


def test_an_unusable_ca_file_is_a_config_error_without_its_content(clean_env: None, tmp_path: Path) -> None:
    bad = tmp_path / "ca.pem"
    bad.write_text(CA, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        ssl_context(load_settings(kafka_security_protocol="SSL", kafka_ssl_cafile=bad))
    assert "TLS material unusable" in str(caught.value) and "MIIB" not in str(caught.value)


def test_check_config_shows_the_resolved_security_with_secrets_masked(
    clean_env: None, secret: Path, tmp_path: Path
) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text(CA, encoding="utf-8")
    settings = scram(secret, kafka_ssl_cafile=ca, replication_factor=3, min_insync_replicas=2)
    out, err = io.StringIO(), io.StringIO()
    assert check_config(settings, out, err) == 0, err.getvalue()
    text = out.getvalue()
    kafka = text[text.index("kafka:\n") :]
    assert "  kafka_bootstrap: b1:9093,b2:9093\n" in kafka
    assert "  kafka_security_protocol: SASL_SSL\n" in kafka
    assert "  kafka_sasl_mechanism: SCRAM-SHA-512\n" in kafka
    assert "  kafka_sasl_plain_username: wirewatch-poller\n" in kafka
    assert f"  kafka_sasl_plain_password: {MASK} (from {secret})\n" in kafka
    assert f"  kafka_ssl_cafile: {ca}\n" in kafka
    assert "  kafka_ssl_check_hostname: true\n" in kafka
    assert "  principal: User:wirewatch-poller\n" in kafka
    assert "  replication_factor: 3\n  min_insync_replicas: 2\n" in kafka
    assert PASSWORD not in text + err.getvalue()


def test_check_config_reports_each_unusable_kafka_file_as_an_error(clean_env: None, tmp_path: Path) -> None:
    empty = tmp_path / "password"
    empty.write_text("", encoding="utf-8")
    settings = scram(empty, kafka_ssl_cafile=tmp_path / "missing-ca.pem")
    out, err = io.StringIO(), io.StringIO()
    assert check_config(settings, out, err) == 2
    assert f"{empty}: field 'kafka_sasl_plain_password_file': is empty" in err.getvalue()
    assert f"{tmp_path / 'missing-ca.pem'}: field 'kafka_ssl_cafile': no such file" in err.getvalue()
    assert "NOT READABLE OR EMPTY" in out.getvalue() and "(MISSING)" in out.getvalue()
    assert [f for f, _, _ in file_problems(settings)] == [
        "kafka_sasl_plain_password_file",
        "kafka_ssl_cafile",
    ]


def test_check_config_on_the_default_says_plaintext(clean_env: None) -> None:
    out = io.StringIO()
    check_config(load_settings(), out, io.StringIO())
    rows = dict(describe(load_settings()))
    assert rows["kafka_security_protocol"] == "PLAINTEXT" and rows["principal"] == "User:ANONYMOUS"
    assert "kafka_sasl_mechanism" not in rows and "  kafka_security_protocol: PLAINTEXT\n" in out.getvalue()


def test_a_refusal_names_the_principal_the_resources_and_no_secret(clean_env: None, secret: Path) -> None:
    from kafka.errors import GroupAuthorizationFailedError, TopicAuthorizationFailedError

    settings = scram(secret)
    topic = str(refused(TopicAuthorizationFailedError({"w.b.v1", "w.a.v1"}), settings, "alerter"))
    assert topic.startswith(
        "alerter: Kafka at b1:9093,b2:9093 refused User:wirewatch-poller on topic w.a.v1, w.b.v1"
    )
    assert "authorization failed (TopicAuthorizationFailedError)" in topic
    group = str(refused(GroupAuthorizationFailedError("w-alerter"), settings, "alerter"))
    assert "on consumer group w-alerter: authorization failed" in group
    assert PASSWORD not in topic + group


def test_each_worker_may_touch_only_the_topics_it_uses() -> None:
    settings = load_settings(topic_prefix="w")
    every = grants(settings, {"alerter": "User:team-alerter"})
    by_principal: dict[str, set[tuple[str, str, str]]] = {}
    for g in every:
        by_principal.setdefault(g.principal, set()).add((g.resource, g.name, g.operation))
    assert set(by_principal) == {"User:w-poller", "User:w-processor", "User:team-alerter", "User:w-web"}
    # the web pages read what they show and write only analysts' marks, silences and surges
    web = by_principal["User:w-web"]
    assert {name for kind, name, op in web if op == "Write"} == {
        "w.feedback.v1",
        "w.silences.v1",
        "w.poll-surges.v1",
    }
    assert not any(name == "w.articles.v1" for _, name, _ in web) and not any(k == "group" for k, _, _ in web)
    assert ("topic", "w.articles.v1", "Write") in by_principal["User:w-poller"]
    assert ("topic", "w.articles.v1", "Read") in by_principal["User:w-processor"]
    assert not any(name == "w.articles.v1" for _, name, _ in by_principal["User:team-alerter"])
    assert ("group", "w-dispatcher", "Read") in by_principal["User:team-alerter"]
    # Only the processor holds a prefix, and only over its own app's topics (Faust's changelogs).
    prefixed = [g for g in every if g.pattern == "prefix"]
    assert [(g.principal, g.name, g.operation) for g in prefixed] == [
        ("User:w-processor", "w-processor-", "All")
    ]
    assert all(g.operation in ("Read", "Write") for g in every if g.pattern == "literal")


def test_topics_acls_prints_every_grant_without_a_broker(
    clean_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from wirewatch.cli import main

    assert main(["topics", "--acls", "--bootstrap", "127.0.0.1:1", "--principal", "poller=User:feeds"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [str(g) for g in grants(load_settings(), {"poller": "User:feeds"})]
    assert "User:feeds\tALLOW\tWrite\ttopic:literal:wirewatch.articles.v1" in lines


def test_a_malformed_principal_option_is_named(clean_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    from wirewatch.cli import main

    assert main(["topics", "--acls", "--principal", "pollr=User:x"]) == 2
    err = capsys.readouterr().err
    assert "field '--principal'" in err and "'pollr=User:x' should be WORKER=TYPE:NAME" in err


@pytest.mark.parametrize(("client_level", "passed_on"), [(logging.CRITICAL, False), (logging.WARNING, True)])
def test_a_refusal_the_client_logs_while_bootstrapping_is_kept_and_the_log_left_as_it_was(
    caplog: pytest.LogCaptureFixture, client_level: int, passed_on: bool
) -> None:
    from kafka.errors import KafkaConnectionError, SaslAuthenticationFailedError

    from wirewatch.topics.admin import refusals_logged

    kafka, manager = logging.getLogger("kafka"), logging.getLogger("kafka.net.manager")
    before = (kafka.level, manager.level, manager.propagate)
    kafka.setLevel(client_level)
    caplog.set_level(logging.DEBUG, logger="wirewatch")  # caplog's handler sits on the root
    try:
        with refusals_logged() as seen:
            failure = SaslAuthenticationFailedError("Authentication failed during authentication")
            manager.warning("Bootstrap connection to %s failed: %s", "bootstrap-0", KafkaConnectionError("x"))
            manager.warning("Bootstrap connection to %s failed: %s", "bootstrap-0", failure)
        assert seen == [failure]
        assert (kafka.level, manager.level, manager.propagate) == (client_level, *before[1:])
        shown = [r for r in caplog.records if r.name == "kafka.net.manager"]
        assert len(shown) == (2 if passed_on else 0)
    finally:
        kafka.setLevel(before[0])
