"""base_url: an address a site can be served at, with or without a path, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITE_YAML, TODAY_ARG

from medpress.model import Organization, SiteConfig

HOST_FIX = " (write it as https://<host>/ or https://<host>/<path>/, e.g. https://clinic.example/resources/)"


@pytest.mark.parametrize(("base_url", "message"), [
    ("https://clinic.example/resources/?utm=x", "'https://clinic.example/resources/?utm=x' has a query ('?utm=x'); "
     "the address a site is served at cannot carry one (write it as https://clinic.example/resources/)"),
    ("https://clinic.example/resources#top", "'https://clinic.example/resources#top' has a fragment ('#top'); "
     "the address a site is served at cannot carry one (write it as https://clinic.example/resources/)"),
    ("https://clinic.example/?", "'https://clinic.example/?' has a query ('?'); "
     "the address a site is served at cannot carry one (write it as https://clinic.example/)"),
    ("https://clinic.example/a//b/", "the path '/a//b/' of 'https://clinic.example/a//b/' cannot be written into "
     "the site's links (use letters, digits, '-', '_', '.' and '~' between single slashes, "
     "e.g. https://clinic.example/resources/)"),
    ("https://clinic.example/../x/", "the path '/../x/' of 'https://clinic.example/../x/' cannot be written into "
     "the site's links (use letters, digits, '-', '_', '.' and '~' between single slashes, "
     "e.g. https://clinic.example/resources/)"),
    ("https://user:secret@clinic.example/", "'https://user:secret@clinic.example/' carries a user name or password, "
     "which every page, the sitemap and the feed would publish" + HOST_FIX),
    ("https://clinic.example:99999/", "'https://clinic.example:99999/' has a port that is not a number from 1 to "
     "65535" + HOST_FIX),
    ("https://-bad-.example/", "'https://-bad-.example/' has a host name '-bad-.example' that is not valid" + HOST_FIX),
    ("https://münchen.example../", "'https://münchen.example../' has a host name 'münchen.example..' that is not "
     "valid" + HOST_FIX),
    ("https://clinic.example.../", "'https://clinic.example.../' has a host name 'clinic.example...' that is not "
     "valid" + HOST_FIX),
    ("https://[::1/", "'https://[::1/' is not a valid URL: square brackets in a host are only for a whole IPv6 "
     "address, as in https://[2001:db8::1]/ (write a full https://... address)"),
    ("https://[clinic.example]/", "'https://[clinic.example]/' is not a valid URL: square brackets in a host are "
     "only for a whole IPv6 address, as in https://[2001:db8::1]/ (write a full https://... address)"),
])
def test_a_base_url_with_a_query_a_fragment_or_an_odd_path_is_refused_with_file_line_key_and_fix(
        make_site, run, base_url: str, message: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML.replace("https://clinic.example", base_url)})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"site.yaml:3: base_url: {message}"
    flag = run("build", "--site", site, "--base-url", base_url, *TODAY_ARG)
    assert flag.exit_code == 2
    assert f"Invalid value for '--base-url' (env var: 'MEDPRESS_BASE_URL'): {message}" in flag.stderr


def test_a_base_url_from_the_environment_that_python_cannot_split_is_a_usage_error(
        make_site, run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MEDPRESS_BASE_URL", "https://[::1/")
    result = run("build", "--site", make_site(), *TODAY_ARG)
    assert result.exit_code == 2
    assert ("Invalid value for '--base-url' (env var: 'MEDPRESS_BASE_URL'): 'https://[::1/' is not a valid URL: "
            "square brackets in a host are only for a whole IPv6 address") in result.stderr


@pytest.mark.parametrize(("base_url", "base_path"), [
    ("https://clinic.example", "/"), ("https://clinic.example/", "/"),
    ("https://owner.github.io/clinic", "/clinic/"), ("https://clinic.example/a/b.c/", "/a/b.c/"),
])
def test_the_base_path_is_base_url_s_path_between_slashes(base_url: str, base_path: str) -> None:
    config = SiteConfig(Path("."), "Test Clinic", base_url.rstrip("/"), Organization("Test Clinic Ltd"), ())
    assert config.base_path == base_path


ONE_LINE = ("write the address on one line with no space in it, its path in letters, digits, '-', '_', '.' "
            "and '~' between single slashes, e.g. https://clinic.example/my-resources/")


@pytest.mark.parametrize(("written", "base_url", "message"), [
    (r'"https://clinic\n.example"', "https://clinic\n.example",
     rf"'https://clinic\n.example' is not a valid URL: it holds a line break ({ONE_LINE})"),
    (r'"https://[fe80::1%x\nDisallow:*\nY]"', "https://[fe80::1%x\nDisallow:*\nY]",
     rf"'https://[fe80::1%x\nDisallow:*\nY]' is not a valid URL: it holds a line break ({ONE_LINE})"),
    (r'"https://clinic.example/a\tb/"', "https://clinic.example/a\tb/",
     rf"'https://clinic.example/a\tb/' is not a valid URL: it holds a tab ({ONE_LINE})"),
    ("'https://[fe80::1%eth0\"<xss>]'", 'https://[fe80::1%eth0"<xss>]',
     "'https://[fe80::1%eth0\"<xss>]' is not a valid URL: its host has a zone id ('%eth0\"<xss>'), which names a "
     "network interface of one computer, not a place on the web (write a full https://... address)"),
], ids=["line break", "robots.txt line", "tab", "zone id"])
def test_a_base_url_holding_whitespace_or_a_zone_id_is_refused_before_robots_txt_or_the_sitemap_carry_it(
        make_site, run, monkeypatch: pytest.MonkeyPatch, written: str, base_url: str,
        message: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML.replace("https://clinic.example", written)})
    result = run("build", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"site.yaml:3: base_url: {message}"
    assert not (site / "output").exists()
    flag = run("build", "--site", site, "--base-url", base_url, *TODAY_ARG)
    assert flag.exit_code == 2
    assert f"Invalid value for '--base-url' (env var: 'MEDPRESS_BASE_URL'): {message}" in flag.stderr
    monkeypatch.setenv("MEDPRESS_BASE_URL", base_url)
    from_environment = run("build", "--site", site, *TODAY_ARG)
    assert from_environment.exit_code == 2
    assert message in from_environment.stderr
    assert not (site / "output").exists()


@pytest.mark.parametrize(("written", "published"), [
    ("https://klinik-münchen.example", "https://xn--klinik-mnchen-3ob.example/"),
    ("https://straße.example:8443/hilfe/", "https://xn--strae-oqa.example:8443/hilfe/"),  # IDNA 2008, not strasse
    ("HTTPS://Clinic.EXAMPLE/Hilfe/", "https://clinic.example/Hilfe/"),  # a host in lower case; a path as written
])
def test_a_host_name_is_published_as_dns_writes_it(make_site, run, written: str,
                                                  published: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML.replace("https://clinic.example", written)})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    out = site / "output"
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{published}</loc>" in sitemap and "ß" not in sitemap and "ü" not in sitemap
    assert f"Sitemap: {published}sitemap.xml" in (out / "robots.txt").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{published}">' in (out / "index.html").read_text(encoding="utf-8")
    flag = run("build", "--site", site, "--no-search", "--base-url", written, *TODAY_ARG)
    assert flag.exit_code == 0
    assert f"<loc>{published}</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("base_url", ["https://r3---sn-abc.cdn.example/", "https://ab--c.example/",
                                      "https://clinic.example./"])
def test_an_ascii_host_name_dns_takes_is_taken_as_written(base_url: str) -> None:
    from medpress.config import check_base_url

    assert check_base_url(base_url) == base_url
