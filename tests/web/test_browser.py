"""The web UI in chromium, on the real app with the seed ingested: the map, the article view
with the claim of Fahim Dashti highlighted, the stories, and stored text that must stay inert."""

from __future__ import annotations

import json
from typing import Any

from newsledger.records import Analysis
from tests.web.conftest import ANSWERED, Watched


def _stories(web: Watched) -> list[dict[str, Any]]:
    response = web.page.request.get(web.base + "api/stories?min_reports=1")
    assert response.ok
    return list(response.json()["items"])


def _dashti_story(web: Watched) -> dict[str, Any]:
    return next(s for s in _stories(web)
                if any(c["speaker"] == "Fahim Dashti" for c in s["claims"]))


def test_map_shows_the_events_on_the_offline_basemap(web: Watched, shot: Any) -> None:
    page = web.open("")
    page.wait_for_selector("#map.basemap-ready")
    assert page.locator("#map path").count() > 100  # Natural Earth countries
    markers = page.locator(".nl-event")
    assert markers.count() >= 5
    assert "ASSAULT" in page.locator("#legend").inner_text()
    assert page.locator("#timeline rect.bar").count() >= 1
    markers.first.click(force=True)
    link = page.locator(".leaflet-popup a.article-link")
    link.wait_for()
    assert link.get_attribute("href").startswith("article.html?id=")  # type: ignore[union-attr]
    popup = page.inner_text(".leaflet-popup")
    assert page.locator(".leaflet-popup q.evidence").count() == 1  # the sentence it came from
    assert any(f"({code})" in popup for code in ("ARMED_CLASH", "ATTACK", "NATURAL_DISASTER",
                                                  "CHANGE_TO_GROUP_ACT"))
    shot(page, "map")
    web.assert_clean()


def test_map_filters_and_timeline_refetch(web: Watched) -> None:
    page = web.open("")
    everything = page.locator(".nl-event").count()
    page.select_option("select[name=type]", "ARMED_CLASH")
    page.click("#filters button[type=submit]")
    page.wait_for_function("n => document.querySelectorAll('.nl-event').length < n",
                           arg=everything)
    types = page.eval_on_selector_all(".nl-event", "ns => ns.map(n => n.dataset.type)")
    assert types and set(types) == {"ARMED_CLASH"}
    assert "type=ARMED_CLASH" in page.url
    page.click("#clear-time")
    page.locator("#timeline rect.bar").first.click()
    assert page.input_value("input[name=since]")
    page.wait_for_function("() => document.getElementById('status').textContent"
                           ".includes('event')")
    web.assert_clean()


def test_article_highlights_the_claim_of_fahim_dashti(web: Watched, seed: Analysis,
                                                      shot: Any) -> None:
    page = web.open(f"article.html?id={seed.document.id}")
    assert page.inner_text("#title") == seed.document.title
    claim = page.locator('#text .hl-claim[data-speaker="Fahim Dashti"]')
    assert claim.count() >= 1
    said = " ".join(claim.all_inner_texts())
    assert "The Taliban lost 40 of their personnel" in said
    figures = page.locator("#text .hl-figure").all_inner_texts()
    assert "lost 40" in figures
    assert any("35 of them were wounded" in f for f in figures)
    events = page.inner_text("#events")
    assert "Armed clash (ARMED_CLASH)" in events and "fighting is ongoing" in events
    assert "40 killed" in events and "casualties: “suffered heavy casualties”" in events
    meta = page.inner_text("#meta")  # the source's file name, never the server's folders
    assert "panjshir-2021-09-03.txt" in meta and seed.document.source not in meta
    claim.first.click()
    record = json.loads(page.inner_text("#record-json"))
    assert record["cue"] == "said" and "Fahim Dashti" in record["speaker_text"]
    page.click(f"#claims button[data-select='claim:{record['id']}']")
    assert page.locator("#text .hl-claim.selected").count() >= 1
    shot(page, "article")
    web.assert_clean()


def test_story_page_shows_sides_figures_and_ranges(web: Watched, shot: Any) -> None:
    story = _dashti_story(web)
    assert web.open("stories.html").locator(".story-card").count() == 0  # 2+ reports only
    page = web.open("stories.html?min_reports=1")
    card = page.locator(f'.story-card[data-story="{story["id"]}"]')
    assert card.count() == 1
    assert card.locator("a.story-link").inner_text() == story["headline"]
    assert "Al Qaeda join hands with Taliban" in card.inner_text()  # its report's title
    page.click(f'.story-card[data-story="{story["id"]}"] a.story-link')
    page.wait_for_selector("body[data-loaded=true]")
    assert page.inner_text("#title") == story["headline"]
    assert "Armed clash" in page.inner_text("#events")
    assert "fighting is ongoing" in page.inner_text("#events")
    assert "same kind of event" in page.inner_text("#links")
    side = page.locator('.side[data-side="resistance front"]')
    assert "Fahim Dashti" in side.inner_text()
    rows = page.locator("#ranges tr.range").all_inner_texts()
    assert any(r.startswith("killed\tTaliban\t40\t40\t40") for r in rows), rows
    assert "Fahim Dashti" in page.inner_text("#figures")
    shot(page, "story")
    web.assert_clean()


def test_a_story_not_stored_yet_is_found_among_the_grouped_ones(web: Watched) -> None:
    story = _dashti_story(web)
    web.page.route(f"**/api/stories/{story['id']}", lambda route: route.fulfill(
        status=404, content_type="application/json",
        body=json.dumps({"error": "no such story", "detail": {"current": False}})))
    page = web.open(f"story.html?id={story['id']}")
    assert "Fahim Dashti" in page.inner_text("#figures")
    assert all("404" in e for e in web.errors)  # the console's line for the refused fetch
    web.errors.clear()
    web.assert_clean()


def test_story_page_marks_contradictions(web: Watched) -> None:
    story = _dashti_story(web)
    killed = next(i for i, f in enumerate(story["figures"]) if f["kind"] == "killed")
    claim = story["figures"][killed]["claim"]
    story["contradictions"] = [{"kind": "count", "claims": [claim],
                                "detail": "killed Taliban: Fahim Dashti 40, Taliban 4",
                                "figures": [killed]}]
    web.page.route(f"**/api/stories/{story['id']}", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(story)))
    page = web.open(f"story.html?id={story['id']}")
    assert "Fahim Dashti 40, Taliban 4" in page.inner_text("#contradictions")
    assert page.locator(f'.claim-card.contradicted[data-claim="{claim}"]').count() == 1
    assert page.locator(f'#figures tr.contradicted[data-figure="{killed}"]').count() == 1
    web.assert_clean()


def test_story_page_sets_a_denial_against_the_claim_of_another_report(
        web: Watched, answered: list[Analysis], shot: Any) -> None:
    """Two real reports of two sources grouped into one story by the denial that answers a
    claim (the story as ``StoryBuilder`` makes it, served as the API serves a stored one):
    the page lists both reports and both claimants, and marks the contradiction."""
    from newsledger.record_codec import story_json
    from newsledger.stories import StoryBuilder

    (story,) = [s for s in StoryBuilder()(answered) if set(s.documents) == set(ANSWERED)]
    web.page.route(f"**/api/stories/{story.id}", lambda route: route.fulfill(
        status=200, content_type="application/json", body=story_json(story)))
    page = web.open(f"story.html?id={story.id}")
    assert not page.locator("#contradictions-box").is_hidden()
    contradiction = page.inner_text("#contradictions")
    assert "Iranian government" in contradiction and "UN experts" in contradiction
    documents = page.inner_text("#documents")
    assert all(f"CASE 2021 snippet {n.split('-')[-1]}" in documents for n in ANSWERED)
    assert page.locator(".claim-card.contradicted").count() == 2
    assert "a denial answering a claim" in page.inner_text("#links")
    shot(page, "story-denial")
    web.assert_clean()


def test_hostile_stored_text_runs_nothing(web: Watched, hostile: Analysis, shot: Any) -> None:
    page = web.open(f"article.html?id={hostile.document.id}")
    text = page.inner_text("#text")
    assert "<script>window.pwned" in text and "onerror=" in text and "javascript:" in text
    assert page.inner_text("#title").startswith("<script>")
    assert hostile.entities and hostile.claims and hostile.places
    shown = page.inner_text("main")
    for what in ["name", "place"]:  # actor, speaker and place names shown, as text
        assert f"window.pwned='{what}'" in shown, what
    for node in page.locator("#text .hl, #claims button, #events button").all():
        node.click()
    page.get_by_text("click here").first.click()
    for link in page.locator("main a").all():
        link.click(force=True, no_wait_after=True)
        link.hover(force=True)
    page.mouse.move(10, 10)
    assert page.locator("main a[href^='javascript:' i]").count() == 0
    assert page.locator("main img, main b, main iframe").count() == 0
    handlers = page.evaluate("""[...document.querySelectorAll('main *')].flatMap(
        n => [...n.attributes].map(a => a.name)).filter(n => n.startsWith('on'))""")
    assert handlers == []
    scripts = page.eval_on_selector_all("script", "ns => ns.map(n => n.getAttribute('src'))")
    assert scripts == ["common.js", "article.js"]
    shot(page, "hostile-article")
    web.assert_clean()

    page = web.open("?since=2021-09-05")
    page.locator(".nl-event").first.click(force=True)
    page.locator(".leaflet-popup").wait_for()
    assert "<script>" in page.inner_text(".leaflet-popup")
    web.assert_clean()

    story = next(s for s in _stories(web) if hostile.document.id in s["documents"])
    page = web.open(f"story.html?id={story['id']}")
    assert "onerror=" in page.inner_text("#sides")  # the outlet, as text
    page.locator("#sides a").first.hover()
    web.assert_clean()


def test_the_map_clusters_labels_and_charts_the_dead(web: Watched, shot: Any) -> None:
    page = web.open("")
    page.wait_for_selector("#map.basemap-ready")
    page.wait_for_selector(".place-label")  # GeoNames' populated places, offline
    assert "Kabul" in page.locator(".place-label").all_inner_texts()
    assert page.locator("#timeline polyline.fatalities").count() == 1  # the seed's 40 killed
    page.wait_for_selector("#map.admin1-ready")  # Afghanistan's provinces (Natural Earth)
    assert page.locator('#map path[stroke-dasharray="3 3"]').count() >= 1
    page.evaluate("document.getElementById('map')._leaflet_id")  # the map is Leaflet's
    page.locator(".leaflet-control-zoom-out").click()
    for _ in range(5):
        page.locator(".leaflet-control-zoom-out").click()
        page.wait_for_timeout(300)
    assert page.locator(".marker-cluster").count() >= 1  # the world's zoom: clusters
    web.assert_clean()


def test_a_stray_date_does_not_squash_the_timeline(web: Watched) -> None:
    def with_a_1967_event(route: Any) -> None:
        data = route.fetch().json()
        if not data["features"]:
            route.fulfill(status=200, content_type="application/json", body=json.dumps(data))
            return
        stray = json.loads(json.dumps(data["features"][0]))
        stray["id"] = stray["properties"]["id"] = stray["properties"]["id"] + "-1967"
        stray["properties"]["time_start"] = stray["properties"]["time_end"] = "1967-06-05"
        data["features"].append(stray)
        route.fulfill(status=200, content_type="application/json", body=json.dumps(data))

    web.page.route("**/api/events.geojson*", with_a_1967_event)
    page = web.open("")
    assert "1967-06-05" in page.inner_text("#outliers")
    first = page.locator("#timeline rect.bar").first.get_attribute("data-since")
    assert first is not None and first >= "2021-01-01"
    page.locator("#outliers button.outlier").click()
    assert page.input_value("input[name=since]") == "1967-06-05"
    page.wait_for_function("() => document.getElementById('status').textContent"
                           ".includes('event')")
    page.unroute_all(behavior="wait")  # no handler may outlive the page
    web.assert_clean()


def test_a_drawn_box_filters_and_the_csv_follows(web: Watched) -> None:
    page = web.open("")
    everything = page.locator(".nl-event").count()
    page.click("#draw-box")
    box = page.locator("#map").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + 60, box["y"] + 60, steps=5)
    page.mouse.up()
    page.wait_for_function("() => new URLSearchParams(location.search).has('bbox')")
    page.wait_for_function("n => document.querySelectorAll('.nl-event').length < n",
                           arg=everything)
    assert not page.locator("#clear-box").is_hidden()
    href = page.get_attribute("#download-csv", "href")
    assert href is not None and href.startswith("api/events.csv?") and "bbox=" in href
    csv_text = page.evaluate("url => fetch(url).then(r => r.text())", "api/events.csv")
    assert csv_text.startswith("event_id_cnty,event_date,year,")
    web.assert_clean()


def test_the_map_is_usable_on_a_narrow_screen(web: Watched, shot: Any) -> None:
    web.page.set_viewport_size({"width": 400, "height": 800})
    page = web.open("")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    assert page.locator("#map").bounding_box()["height"] > 200  # type: ignore[index]
    assert page.locator(".nl-event").count() >= 1
    shot(page, "map-400px")
    web.assert_clean()
