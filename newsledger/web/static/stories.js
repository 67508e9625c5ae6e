/* The list of stories: incidents told by one or more reports, with their filters. */
"use strict";

(() => {
  const {el, clear, getJSON, figureText} = NL;
  const FILTERS = ["since", "until", "place", "type", "min_reports"];
  const form = document.getElementById("filters");
  const status = document.getElementById("status");
  const list = document.getElementById("stories");

  const initial = NL.query();
  for (const name of FILTERS) if (initial.get(name)) form.elements[name].value = initial.get(name);

  function params() {
    const out = {};
    for (const name of FILTERS) {
      const value = form.elements[name].value.trim();
      if (value) out[name] = value;
    }
    return out;
  }

  function card(story, query) {
    const time = story.time ? NL.timeText(story.time.start, story.time.end) : "time unknown";
    const sides = (story.by_side || []).map((s) => s.name).filter(Boolean);
    const href = `story.html?${new URLSearchParams({...query, id: story.id})}`;
    const ranges = (story.ranges || []).map((r) => `${r.kind} (${r.side || "?"}): ${r.low ?? "?"}–${r.high ?? "?"}, best ${r.best ?? "?"}`);
    const titles = (story.reports || []).map((r) => `${r.title || "(untitled)"} — ${r.outlet || "outlet unknown"}`);
    return el("li", {class: "story-card", "data-story": story.id},
      el("a", {class: "story-link", href}, story.headline || time),
      el("div", {class: "muted"}, `${time} · ${story.events.length} event(s) · ${story.documents.length} report(s)`),
      titles.length ? el("ul", {class: "report-titles"}, titles.map((t) => el("li", {}, t)))
        : el("div", {class: "muted"}, (story.outlets || []).join(", ") || "outlet unknown"),
      sides.length ? el("div", {}, "Sides: ", sides.join(" · ")) : "",
      ranges.length ? el("div", {}, ranges.join("; ")) : "",
      !ranges.length && (story.figures || []).length ? el("div", {}, story.figures.map(figureText).join(", ")) : "",
      (story.contradictions || []).length
        ? el("div", {class: "contradiction-flag"}, `⚠ ${story.contradictions.length} contradiction(s)`) : "");
  }

  async function refresh() {
    const query = params();
    history.replaceState(null, "", `?${new URLSearchParams(query)}`);
    status.textContent = "Loading…";
    clear(list);
    try {
      const stories = NL.items(await getJSON("api/stories", query));
      status.textContent = `${stories.length} story(ies)`;
      for (const story of stories) list.appendChild(card(story, query));
      document.body.dataset.loaded = "true";
    } catch (err) {
      status.textContent = "";
      NL.showError(status, `Could not load the stories: ${err.message}`);
      document.body.dataset.loaded = "error";
    }
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  refresh();
})();
