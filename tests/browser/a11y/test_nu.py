"""Every public page of the demo archive is valid HTML for the Nu checker (where Java is present)."""

import json
import subprocess

import pytest

from .checks import JAVA, VNU, html_urls

pytestmark = [
    pytest.mark.skipif(JAVA is None, reason="no Java runtime: the Nu HTML checker (vnu.jar) needs one"),
    pytest.mark.skipif(not VNU.exists(), reason=f"{VNU} is missing: run `make axe` (make test does it)"),
]


def test_every_public_page_is_valid_html(client, demo, tmp_path):
    files = []
    for index, url in enumerate(html_urls()):
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{index:03d}.html"
        path.write_bytes(response.content)
        files.append((path, url))
    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--format", "json", "--errors-only", *[str(p) for p, _ in files]],
        capture_output=True,
        text=True,
        timeout=600,
    )
    by_file = {str(path): url for path, url in files}
    errors = [
        f"{by_file.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']}"
        for m in json.loads(result.stderr or '{"messages": []}')["messages"]
        if m.get("type") == "error"
    ]
    assert not errors, errors[:20]
