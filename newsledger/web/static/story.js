/* One story: the claims of each side in columns, the figures with their claimants, the
   reconciled ranges (low / best / high with the reason) and the contradictions, marked. The
   story is read from /api/stories/<id>; while writes wait to be grouped it may be found only
   among /api/stories for the filters this page was opened with. */
"use strict";

(() => {
  const {el, clear, getJSON, figureText} = NL;
  const status = document.getElementById("status");
  const query = NL.query();
  const id = query.get("id");

  function claimAnchor(ref) {
    return `claim-${ref.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  }

  function articleLink(documentId, local, text) {
    return el("a", {href: NL.articleHref(documentId, local)}, text);
  }

  function render(story) {
    const claims = new Map((story.claims || []).map((c) => [c.ref, c]));
    const contradictions = story.contradictions || [];
    const badClaims = new Map();
    const badFigures = new Map();
    contradictions.forEach((c, i) => {
      for (const ref of c.claims || []) badClaims.set(ref, [...(badClaims.get(ref) || []), i + 1]);
      for (const f of c.figures || []) badFigures.set(f, [...(badFigures.get(f) || []), i + 1]);
    });
    const time = story.time ? NL.timeText(story.time.start, story.time.end) : "time unknown";
    document.title = `newsledger · ${story.headline || `story ${story.id}`}`;
    document.getElementById("title").textContent = story.headline || `Story ${story.id}`;
    document.getElementById("summary").textContent =
      `${time} · ${story.events.length} event(s) · ${story.documents.length} report(s) · ${(story.outlets || []).join(", ") || "outlet unknown"}`;

    // contradictions
    const cbox = document.getElementById("contradictions-box");
    const clist = document.getElementById("contradictions");
    cbox.hidden = !contradictions.length;
    contradictions.forEach((c, i) => {
      clist.appendChild(el("li", {class: `contradiction contradiction-${c.kind}`, id: `contradiction-${i + 1}`},
        el("span", {class: "badge warn"}, `⚠ ${i + 1} ${c.kind}`), " ", c.detail,
        (c.claims || []).length ? el("div", {class: "muted"}, "claims: ",
          c.claims.map((ref) => el("a", {href: `#${claimAnchor(ref)}`, class: "claim-ref"}, `${claims.get(ref)?.speaker || ref} `))) : ""));
    });

    // claims of each side in columns
    const sides = document.getElementById("sides");
    clear(sides);
    const groups = (story.by_side || []).length ? story.by_side
      : [{name: "claims", claims: (story.claims || []).map((c) => c.ref)}];
    if (!groups.some((g) => (g.claims || []).length)) sides.appendChild(el("p", {class: "muted"}, "No attributed claims."));
    for (const side of groups) {
      if (!(side.claims || []).length) continue;
      const column = el("div", {class: "column side", "data-side": side.name || ""}, el("h3", {}, side.name || "unattributed"));
      for (const ref of side.claims) {
        const c = claims.get(ref);
        if (!c) continue;
        const marks = badClaims.get(ref);
        const local = ref.includes(":") ? ref.split(":").pop() : null;
        column.appendChild(el("div", {class: `claim-card${marks ? " contradicted" : ""}`, id: claimAnchor(ref), "data-claim": ref},
          marks ? el("span", {class: "badge warn", title: "contradicted"}, `⚠ ${marks.join(", ")}`) : "",
          el("strong", {class: "speaker"}, c.speaker || "unknown speaker"), " ", el("em", {}, c.cue),
          c.hedged ? el("span", {class: "badge"}, "hedged") : "",
          el("q", {class: "content"}, c.content),
          el("div", {class: "muted"}, articleLink(c.document, local, `${c.outlet || "report"}${c.published ? `, ${c.published}` : ""}`))));
      }
      sides.appendChild(column);
    }

    // figures with their claimants
    const figures = document.getElementById("figures");
    clear(figures);
    figures.appendChild(el("thead", {}, el("tr", {}, ["", "Figure", "Of (side)", "Claimant", "Claimant's side", "Words", "Report"].map((h) => el("th", {}, h)))));
    const body = el("tbody");
    (story.figures || []).forEach((f, i) => {
      const marks = badFigures.get(i);
      const local = f.claim && f.claim.includes(":") ? f.claim.split(":").pop() : null;
      body.appendChild(el("tr", {class: `${marks ? "contradicted" : ""}${f.denied ? " denied" : ""}`, "data-figure": i},
        el("td", {}, marks ? el("span", {class: "badge warn"}, `⚠ ${marks.join(", ")}`) : "", f.denied ? el("span", {class: "badge"}, "denied") : ""),
        el("td", {}, figureText(f)), el("td", {}, f.side || ""), el("td", {}, f.claimant || ""),
        el("td", {}, f.claimant_side || ""), el("td", {}, el("q", {}, f.text || "")),
        el("td", {}, articleLink(f.document, local, `${f.outlet || "report"}${f.published ? `, ${f.published}` : ""}`))));
    });
    if (!(story.figures || []).length) body.appendChild(el("tr", {}, el("td", {colspan: 7, class: "muted"}, "No figures.")));
    figures.appendChild(body);

    // reconciled ranges
    const ranges = document.getElementById("ranges");
    clear(ranges);
    ranges.appendChild(el("thead", {}, el("tr", {}, ["Kind", "Side", "Low", "Best", "High", "Reason"].map((h) => el("th", {}, h)))));
    const rbody = el("tbody");
    for (const r of story.ranges || []) {
      rbody.appendChild(el("tr", {class: "range"}, el("td", {}, r.kind), el("td", {}, r.side || ""),
        el("td", {class: "num"}, r.low ?? "?"), el("td", {class: "num best"}, r.best ?? "?"),
        el("td", {class: "num"}, r.high ?? "?"), el("td", {class: "reason"}, r.reason || "")));
    }
    if (!(story.ranges || []).length) rbody.appendChild(el("tr", {}, el("td", {colspan: 6, class: "muted"}, "No counted figures.")));
    ranges.appendChild(rbody);

    // updates, reports, grouping links
    const updates = story.updates || [];
    document.getElementById("updates-box").hidden = !updates.length;
    for (const u of updates) document.getElementById("updates").appendChild(el("li", {}, u.detail || JSON.stringify(u)));
    const docs = document.getElementById("documents");
    const reports = new Map((story.reports || []).map((r) => [r.document, r]));
    const about = new Map();
    for (const x of [...(story.claims || []), ...(story.figures || [])]) if (!about.has(x.document)) about.set(x.document, x);
    for (const d of story.documents || []) {
      const r = reports.get(d) || about.get(d) || {};
      const when = r.published ? `, ${r.published}` : "";
      docs.appendChild(el("li", {class: "report"}, articleLink(d, null, r.title || r.outlet || d.slice(0, 12)),
        el("span", {class: "muted"}, ` — ${r.outlet || "outlet unknown"}${when}`)));
    }
    // each event as its report tells it
    const events = document.getElementById("events");
    clear(events);
    for (const e of story.event_details || []) {
      const local = e.ref.includes(":") ? e.ref.split(":").pop() : null;
      const r = reports.get(e.document) || {};
      events.appendChild(el("li", {class: "story-event", "data-event": e.ref},
        el("strong", {}, e.label || e.type), e.place ? ` · ${e.place}` : "", " ",
        el("q", {class: "evidence"}, e.evidence),
        el("span", {class: "muted"}, " — ", articleLink(e.document, local, r.outlet || "report"))));
    }
    document.getElementById("events-box").hidden = !(story.event_details || []).length;
    const details = new Map((story.event_details || []).map((e) => [e.ref, e]));
    const title = (ref) => {
      const e = details.get(ref);
      const r = reports.get(ref.split(":")[0]);
      const what = e ? `${e.label}${e.place ? ` in ${e.place}` : ""}` : NL.localId(ref);
      return r && (story.reports || []).length > 1 ? `${what} (${r.outlet || r.title || "report"})` : what;
    };
    const links = document.getElementById("links");
    for (const link of story.links || []) {
      links.appendChild(el("li", {class: "link-reason"}, `${title(link.a)} ↔ ${title(link.b)} (score ${link.score}): `,
        link.reason || (link.signals || []).map((s) => `${s.name} ${s.value} (${s.detail})`).join("; ")));
    }
    if (!(story.links || []).length) links.appendChild(el("li", {class: "muted"}, "One event: nothing was joined."));
    status.textContent = "";
    document.body.dataset.loaded = "true";
  }

  if (!id) {
    status.textContent = "";
    NL.showError(status, "Open this page as story.html?id=<story id> (see the list of stories).");
    return;
  }
  const params = {min_reports: "1"};
  for (const name of ["since", "until", "place", "type", "min_reports"]) if (query.get(name)) params[name] = query.get(name);
  async function load() {
    try {
      return await getJSON(`api/stories/${encodeURIComponent(id)}`, {});
    } catch (err) {  // not stored (yet): look for it among the stories grouped now
      if (err.status !== 404) throw err;
      const stories = NL.items(await getJSON("api/stories", params));
      const story = stories.find((s) => s.id === id);
      if (!story) throw new Error(`no story ${id} among the ${stories.length} stories of these filters`);
      return story;
    }
  }
  load()
    .then(render)
    .catch((err) => {
      status.textContent = "";
      NL.showError(status, `Could not load the story: ${err.message}`);
      document.body.dataset.loaded = "error";
    });
})();
