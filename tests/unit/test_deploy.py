"""deploy/: the Compose file, Caddyfile, Dockerfile and systemd unit say what the README
promises: three webhook bots behind HTTPS, health checked on /healthz, the admin port never
published, every setting one Steady knows, and a sandboxed service."""

import re
from pathlib import Path

import pytest
import yaml

from bot.config import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
PLACEHOLDERS = {
    "TELEGRAM_BOT_TOKEN": "123456:ABCDEFGHIJ",
    "POSTGRES_PASSWORD": "secret",
    "DOMAIN": "steady.example.org",
    "WEBHOOK_SECRET_TOKEN": "0123abcd",
    "ALLOWED_USER_IDS": "",
}


def _substituted(text: str) -> str:
    """Do what Compose does with ${NAME:?message} and ${NAME:-default}, from PLACEHOLDERS."""
    return re.sub(r"\$\{(\w+)(?::[?-][^}]*)?\}", lambda m: PLACEHOLDERS[m.group(1)], text)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(_substituted((DEPLOY / "compose.yaml").read_text()))


def test_three_webhook_bots_postgres_and_a_tls_proxy(compose):
    services = compose["services"]
    assert services.keys() == {"postgres", "migrate", "bot", "caddy"}
    bot = services["bot"]
    assert bot["deploy"]["replicas"] == 3
    assert bot["environment"]["WEBHOOK_URL"] == "https://steady.example.org"
    assert bot["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"] == ["python", "-m", "bot", "migrate"]
    assert compose["networks"]["database"]["internal"] is True
    assert services["postgres"]["networks"] == ["database"]


def test_only_the_proxy_publishes_ports_and_never_the_admin_port(compose):
    published = {name: s.get("ports", []) for name, s in compose["services"].items()}
    assert published == {"postgres": [], "migrate": [], "bot": [], "caddy": ["80:80", "443:443"]}


def test_bots_are_health_checked_on_their_admin_port(compose):
    bot = compose["services"]["bot"]
    port = bot["environment"]["ADMIN_PORT"]
    assert f"http://127.0.0.1:{port}/healthz" in " ".join(bot["healthcheck"]["test"])
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert f"http://127.0.0.1:{port}/healthz" in dockerfile
    assert 'CMD ["python", "-m", "bot"]' in dockerfile and "USER steady" in dockerfile


@pytest.mark.parametrize("service", ["bot", "migrate"])
def test_every_variable_given_to_steady_is_a_valid_setting(compose, service):
    environment = compose["services"][service]["environment"]
    known = {name.upper() for name in Settings.model_fields}
    assert set(environment) <= known
    given = {k.lower(): "" if v is None else v for k, v in environment.items()}  # as Compose does
    settings = Settings(_env_file=None, **given)
    assert settings.database_url.startswith("postgresql://steady:secret@postgres:5432/")


def test_caddy_forwards_only_telegram_to_the_bots_webhook_port(compose):
    caddyfile = (DEPLOY / "Caddyfile").read_text()
    port = compose["services"]["bot"]["environment"]["WEBHOOK_PORT"]
    assert "handle /telegram {" in caddyfile
    assert re.search(rf"name bot\s+port {port}\b", caddyfile)
    assert "respond 404" in caddyfile and "9100" not in caddyfile


def _directives(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key, []).append(value)
    return found


def test_the_systemd_unit_is_sandboxed_and_restarts_on_failure():
    unit = _directives(DEPLOY / "systemd" / "steady@.service")
    expected = {
        "User": ["steady"],
        "ProtectSystem": ["strict"],
        "NoNewPrivileges": ["yes"],
        "PrivateTmp": ["yes"],
        "CapabilityBoundingSet": [""],
        "RestrictAddressFamilies": ["AF_INET AF_INET6 AF_UNIX"],
        "ReadWritePaths": ["/var/lib/steady"],
        "MemoryMax": ["512M"],
        "Restart": ["on-failure"],
        "EnvironmentFile": ["/etc/steady/steady.env", "-/etc/steady/%i.env"],
    }
    assert {key: unit.get(key) for key in expected} == expected
    assert unit["ExecStart"] == ["/opt/steady/.venv/bin/python -m bot"]
