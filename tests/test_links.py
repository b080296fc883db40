"""Every internal link and anchor of the built site resolves (scripts/check_links.py)."""
from check_links import broken_links


def test_internal_links_and_anchors_resolve(built_site, site_port):
    assert broken_links(built_site, f"http://127.0.0.1:{site_port}/") == []


def test_the_check_names_each_broken_link_and_anchor_and_only_those(tmp_path):
    site = tmp_path / "site"
    (site / "guide" / "images").mkdir(parents=True)
    (site / "guide" / "images" / "star.svg").write_text("<svg></svg>", encoding="utf-8")
    (site / "guide" / "index.html").write_text(
        '<h2 id="values">Values</h2><a name="old-values"></a>'
        '<img src="images/star.svg" srcset="images/star.svg 1x, images/moon.svg 2x">',
        encoding="utf-8")
    (site / "site.css").write_text(
        "/* url(commented-out.png) */ body { background: url('guide/images/star.svg'); }"
        " h1 { background: url(\"gone.png\"); }", encoding="utf-8")
    (site / "index.html").write_text(
        '<link rel="stylesheet" href="site.css">'
        '<a href="guide/">ok</a> <a href="guide/index.html#values">ok</a>'
        ' <a href="http://example.test/handbook/guide/#old-values">ok, as site_url</a>'
        ' <a href="https://elsewhere.example/missing">another host</a>'
        ' <a href="mailto:team@example.test">mail</a> <a href="#">top</a>'
        ' <a href="guide/#valeus">typo</a> <a href="guide/missing/">gone</a>'
        ' <a href="/handbook/../private/">above the site</a>'
        ' <p style="background: url(guide/images/star.svg)">styled</p>'
        ' <p id="here"><a href="#here">here</a> <a href="#there">there</a></p>',
        encoding="utf-8")

    assert broken_links(site, "http://example.test/handbook/") == [
        "guide/index.html: images/moon.svg leads to no file",
        "index.html: guide/#valeus has no anchor #valeus on its page",
        "index.html: guide/missing/ leads to no file",
        "index.html: /handbook/../private/ leads to no file",
        "index.html: #there has no anchor #there on its page",
        "site.css: gone.png leads to no file",
    ]
