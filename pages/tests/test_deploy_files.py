"""deploy/'s templates are complete for the environment template, and the runbook
holds every block make deploy-check runs."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from deploy.render import environment_read, template_render
from deploy.topology import runbook_blocks

DEPLOY = Path(settings.BASE_DIR) / "deploy"
TEMPLATES = [
    "nginx/tilondon.conf",
    "pgbouncer/pgbouncer.ini",
    "postgresql/primary.conf",
    "postgresql/replica.conf",
    "postgresql/pg_hba.conf",
]


@pytest.mark.parametrize("template", TEMPLATES)
def test_each_template_is_filled_by_the_environment_template(template):
    values = environment_read(DEPLOY / "tilondon.env.example")
    rendered = template_render((DEPLOY / template).read_text(), values)
    assert not re.search(r"@[A-Z_]+@", rendered)


def test_a_template_with_a_value_missing_is_refused():
    with pytest.raises(KeyError, match="No value for PGBOUNCER_PORT"):
        template_render("listen_port = @PGBOUNCER_PORT@", {})


def test_the_runbook_holds_every_block_the_check_runs():
    check = "".join(
        (DEPLOY / name).read_text() for name in ("check.py", "phases.py", "rotation.py")
    )
    used = set(re.findall(r'runbook\w*\(\s*(?:topo,\s*)?"([a-z][a-z-]*)"', check))
    assert used <= set(runbook_blocks())
    assert {"primary", "replica", "backup", "restore", "failover", "rotate"} <= used
    assert {"secret-key-add", "secret-key-use", "secret-key-drop", "tls"} <= used


def test_nginx_redacts_tokens_sets_forwarded_for_and_limits_bodies():
    site = (DEPLOY / "nginx" / "tilondon.conf").read_text()
    assert "/survey/resume/|/roadmap/self-assessment/results/" in site
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in site
    assert "proxy_set_header X-Request-ID $request_id;" in site
    assert "client_max_body_size 10m;" in site
    assert "listen @HTTPS_LISTEN@ ssl http2;" in site
