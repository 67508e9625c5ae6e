/* newsledger web UI: shared helpers. Every string from the ledger is untrusted: it only ever
   reaches the page through textContent, attribute values or DOM nodes built here, never
   through innerHTML, and links are made only to http(s) URLs. */
"use strict";

const NL = (() => {
  /** el("div", {class: "x", title: "..."}, child, "text", ...): a DOM element. Attribute
      values are set with setAttribute (never event handlers: names starting with "on" are
      refused) and children are nodes or strings (text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (/^on/i.test(name)) throw new Error("event handler attributes are not allowed");
      if (name === "href" && !safeHref(String(value))) continue;
      node.setAttribute(name, value === true ? "" : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Relative links inside the UI, and absolute http(s) URLs; nothing else (no javascript:,
      data: or vbscript: URLs). */
  function safeHref(href) {
    if (/^(https?:)?\/\//i.test(href)) return /^https?:\/\//i.test(href);
    if (/^[a-z][a-z0-9+.-]*:/i.test(href.replace(/[\u0000-\u0020]/g, ""))) return false;
    return true;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  /** GET a JSON document of the API; errors carry the status and the body's detail. */
  async function getJSON(path, params) {
    const url = new URL(path, window.location.href);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
    }
    const response = await fetch(url, {headers: {Accept: "application/json"}});
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const body = await response.json();
        const more = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body);
        detail = body.error ? `${body.error}${body.detail ? `: ${more}` : ""}` : more;
      } catch (_) { /* not JSON */ }
      const error = new Error(`${response.status} ${detail}`);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  function query() {
    return new URLSearchParams(window.location.search);
  }

  /** A fixed colour per PLOVER category (events are coloured by it on the map). */
  const PLOVER_COLOURS = {
    ASSAULT: "#d62728", COERCE: "#ff7f0e", MOBILIZE: "#8c564b", SANCTION: "#9467bd",
    PROTEST: "#e377c2", THREATEN: "#bcbd22", REJECT: "#7f7f7f", ACCUSE: "#17becf",
    REQUEST: "#aec7e8", RETREAT: "#98df8a", AID: "#2ca02c", COOPERATE: "#1f77b4",
    CONCEDE: "#c49c94", SUPPORT: "#c5b0d5", CONSULT: "#9edae5", AGREE: "#393b79",
  };
  const OTHER_COLOUR = "#555555";

  function colour(plover) {
    return PLOVER_COLOURS[plover] || OTHER_COLOUR;
  }

  const EVENT_TYPES = ["ABDUCT_DISSAP", "AGREEMENT", "AIR_STRIKE", "ARMED_CLASH", "ARREST",
    "ART_MISS_ATTACK", "ATTACK", "ATTRIB", "CHANGE_TO_GROUP_ACT", "CHEM_WEAP", "DIPLO",
    "DISR_WEAP", "FORCE_AGAINST_PROTEST", "GOV_REGAINS_TERIT", "GRENADE", "HQ_ESTABLISHED",
    "MAN_MADE_DISASTER", "MOB_VIOL", "NATURAL_DISASTER", "NON_STATE_ACTOR_OVERTAKES_TER",
    "NON_VIOL_TERRIT_TRANSFER", "ORG_CRIME", "OTHER", "PEACE_PROTEST", "PROPERTY_DISTRUCT",
    "PROTEST_WITH_INTER", "REM_EXPLOS", "SEX_VIOL", "SUIC_BOMB", "VIOL_DEMONSTR"];

  /** A figure as an analyst reads it: an exact count as a number ("2,500 killed"), any
      other in the article's words ("killed: “more than 2,500 people”"). */
  function figureText(f) {
    const exact = f.count !== null && f.count !== undefined && f.low === f.count && f.high === f.count;
    if (exact) return `${Number(f.count).toLocaleString("en")} ${f.kind}`;
    if (f.text) return `${f.kind}: “${f.text}”`;
    if (f.count !== null && f.count !== undefined) return `${Number(f.count).toLocaleString("en")} ${f.kind}`;
    return `? ${f.kind}`;
  }

  let labelsLoaded = null;
  /** The event codes' labels ("ARMED_CLASH" → "Armed clash"), from /api/event-types once. */
  function eventLabels() {
    if (!labelsLoaded) {
      labelsLoaded = getJSON("api/event-types", {})
        .then((data) => new Map(items(data).map((t) => [t.code, t.label])))
        .catch(() => new Map());
    }
    return labelsLoaded;
  }

  /** "Armed clash (ARMED_CLASH)"; the code alone when no label is known. */
  function typeText(code, labels) {
    const label = labels && labels.get ? labels.get(code) : null;
    return label ? `${label} (${code})` : code;
  }

  function timeText(start, end) {
    if (start && end && start !== end) return `${start} – ${end}`;
    return start || end || "time unknown";
  }

  function articleHref(documentId, fragment) {
    return `article.html?id=${encodeURIComponent(documentId)}${fragment ? "#" + encodeURIComponent(fragment) : ""}`;
  }

  /** A list answer: a bare array or {"items": [...]} */
  function items(data) {
    return Array.isArray(data) ? data : (data && data.items) || [];
  }

  /** An event's local id ("V4") from "V4" or "<document id>:V4". */
  function localId(ref) {
    return String(ref || "").split(":").pop();
  }

  function showError(container, message) {
    container.appendChild(el("p", {class: "error", role: "alert"}, message));
  }

  return {el, append, clear, safeHref, getJSON, query, colour, PLOVER_COLOURS, OTHER_COLOUR,
    EVENT_TYPES, figureText, eventLabels, typeText, timeText, articleHref, showError, items,
    localId};
})();
