// The bluegreen console: three pages on the orchestrator's REST API, no framework, no build.
//   #/fleet            GET /clusters, counts per version, filters, a form that POSTs /upgrades
//   #/upgrades         GET /upgrades
//   #/upgrades/{id}    GET /upgrades/{id}, /events and /timeline?format=html; control actions
// The API has no server-sent events, so the page in view re-reads its data every POLL_MS (the
// next read starts when the last one has ended) and updates in place, without reloading.
"use strict";

const POLL_MS = 1500;
const TOKEN_KEY = "bluegreen.token";

/** The happy path, in order: the phase bar. */
const HAPPY = [
  "PREFLIGHT", "PROVISIONING", "DEPLOYING", "VERIFYING", "AWAITING_SHIFT_APPROVAL", "SHIFTING",
  "HANDOVER", "SOAKING", "AWAITING_DECOMMISSION_APPROVAL", "DECOMMISSIONING", "COMPLETED",
];
const TERMINAL = ["COMPLETED", "ROLLED_BACK", "FAILED", "CANCELLED"];
// The decider's rules for control actions (libs/upgrade-machine UpgradeDecider), so buttons show
// only when the state machine would accept them; the server still decides and answers 409 if not.
const PAUSABLE = ["PREFLIGHT", "PROVISIONING", "DEPLOYING", "VERIFYING", "SHIFTING", "HANDOVER"];
const CANCELLABLE = ["REQUESTED", "PREFLIGHT", "PROVISIONING", "DEPLOYING", "VERIFYING", "AWAITING_SHIFT_APPROVAL"];
const ROLLBACKABLE = ["SHIFTING", "HANDOVER", "SOAKING", "AWAITING_DECOMMISSION_APPROVAL"];
const RETRYABLE_AFTER_FAILURE = ["PREFLIGHT", "DECOMMISSIONING", "ROLLING_BACK", "CLEANING_UP"];
const ACTIONS = {
  approve: { label: "Approve", css: "primary", text: "Approve the next step of this upgrade." },
  promote: { label: "Promote", css: "primary", text: "Go on to the next traffic step." },
  pause: { label: "Pause", css: "", text: "Pause the upgrade where it is." },
  resume: { label: "Resume", css: "primary", text: "Resume the paused upgrade." },
  cancel: { label: "Cancel", css: "danger", text: "Cancel the upgrade and clean up green." },
  rollback: { label: "Roll back", css: "danger", text: "Move all traffic back to blue and clean up green." },
  retry: { label: "Retry", css: "primary", text: "Re-enter the phase the upgrade failed in." },
};

// ------------------------------------------------------------------------------------ DOM

/** h("td", {class: "x"}, "text", child): an element; strings become text nodes (never HTML). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const $ = (id) => document.getElementById(id);
/** el.replaceChildren without the null, undefined and false that conditional parts leave. */
function fill(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}
const badge = (state, extra) => h("span", { class: "badge " + (state || "") + " " + (extra || "") }, state || "–");
const time = (iso) => (iso ? new Date(iso).toLocaleString() : "–");
const short = (type) => (type || "").replace(/^dev\.bluegreen\.(orchestrator\.)?/, "").replace(/\.v\d+$/, "");

// ------------------------------------------------------------------------------- the API

class ApiError extends Error {
  constructor(status, title, detail) {
    super(title + (detail ? ": " + detail : ""));
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** fetch with the bearer token when one is stored; a problem+json answer becomes an ApiError. */
async function api(path, options = {}) {
  const headers = { Accept: options.accept || "application/json" };
  const t = token();
  if (t) headers.Authorization = "Bearer " + t;
  else headers["X-Actor"] = "console"; // until sign-in exists, the audit log names the console
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method: options.method || "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (e) {
    throw new ApiError(0, "The API cannot be reached", String(e.message || e));
  }
  const text = await response.text();
  if (!response.ok) {
    let problem = {};
    try {
      problem = JSON.parse(text);
    } catch (ignored) {
      problem = { detail: text.slice(0, 300) };
    }
    if (response.status === 403) forbidden = problem.detail || problem.title || "403 Forbidden";
    throw new ApiError(
      response.status, problem.title || response.status + " " + response.statusText, problem.detail);
  }
  if ((options.accept || "application/json") !== "application/json") return text;
  return text ? JSON.parse(text) : null;
}

// ---------------------------------------------------------------------- problems, sign-in

let problemFromPoll = false;

function showProblem(error, fromPoll) {
  const status = error.status ? " (" + error.status + ")" : "";
  $("problem-title").textContent = (error.title || "Error") + status;
  $("problem-detail").textContent = error.detail || (error.title ? "" : String(error));
  $("problem").hidden = false;
  problemFromPoll = !!fromPoll;
}

function clearProblem(onlyFromPoll) {
  if (!onlyFromPoll || problemFromPoll) $("problem").hidden = true;
}

/** Set by a 403: the server says the caller may not; control buttons stay hidden until sign-in changes. */
let forbidden = null;

function claims(jwt) {
  try {
    const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload));
  } catch (ignored) {
    return null;
  }
}

function renderSignIn() {
  const t = token();
  const c = t ? claims(t) : null;
  $("signin-who").textContent = t
    ? "signed in as " + ((c && (c.preferred_username || c.upn || c.sub)) || "token holder")
    : "not signed in";
  $("signin-token").hidden = !!t;
  $("signin-use").hidden = !!t;
  $("signin-out").hidden = !t;
}

$("signin").addEventListener("submit", (e) => {
  e.preventDefault();
  const value = $("signin-token").value.trim().replace(/^Bearer\s+/i, "");
  if (!value) return;
  sessionStorage.setItem(TOKEN_KEY, value);
  $("signin-token").value = "";
  forbidden = null;
  renderSignIn();
  route();
});
$("signin-out").addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  forbidden = null;
  renderSignIn();
  route();
});
$("problem-close").addEventListener("click", () => clearProblem(false));

// ----------------------------------------------------------------------------- polling

let generation = 0;

/** Runs load now and again POLL_MS after each run ends, until the route changes. */
function poll(load) {
  const mine = ++generation;
  const tick = async () => {
    if (mine !== generation) return;
    try {
      await load(() => mine === generation);
      clearProblem(true);
    } catch (e) {
      if (mine === generation) showProblem(e, true);
    }
    if (mine === generation) setTimeout(tick, POLL_MS);
  };
  tick();
}

// -------------------------------------------------------------------------------- fleet

function keepOptions(select, values, allLabel) {
  const chosen = select.value;
  fill(select, h("option", { value: "" }, allLabel), ...values.map((v) => h("option", { value: v }, v)));
  select.value = values.includes(chosen) ? chosen : "";
}

function fleetState(c) {
  return c.upgradeInFlight ? c.upgradeInFlight.state : "idle";
}

function renderFleet(root) {
  const today = new Date().toISOString().slice(0, 10);
  const soon = new Date(Date.now() + 120 * 86400000).toISOString().slice(0, 10);
  fill(root, 
    h("h1", {}, "Fleet"),
    h("div", { class: "counts", id: "counts" }),
    h("section", { class: "card" },
      h("div", { class: "filters" },
        h("label", {}, "Team", h("select", { id: "filter-team", onchange: () => draw() })),
        h("label", {}, "Version", h("select", { id: "filter-version", onchange: () => draw() })),
        h("label", {}, "State", h("select", { id: "filter-state", onchange: () => draw() })),
        h("span", { class: "muted small", id: "fleet-shown" }))),
    h("table", { id: "fleet" },
      h("thead", {}, h("tr", {},
        ["Cluster", "Team", "Version", "Gen.", "Support", "End of standard support", "Next", "Upgrade in flight", "Last upgrade"]
          .map((t) => h("th", {}, t)))),
      h("tbody", {})),
    h("section", { class: "card", id: "start" },
      h("h2", {}, "Start an upgrade"),
      h("form", { id: "start-form", onsubmit: startUpgrade },
        h("div", { class: "form-row" },
          h("label", {}, "Cluster", h("select", { id: "start-cluster", required: true, onchange: prefillVersion })),
          h("label", {}, "Target version", h("input", { id: "start-version", required: true, size: 6, placeholder: "1.33" })),
          h("label", {}, "Traffic steps (optional)",
            h("input", { id: "start-steps", size: 34, placeholder: "default: 10,analysis,50,analysis,100,analysis" })),
          h("label", {}, "Retention (optional)", h("input", { id: "start-retention", size: 10, placeholder: "PT24H" })),
          h("button", { type: "submit", class: "primary", id: "start-submit" }, "Start upgrade")),
        h("p", { class: "muted small" },
          "Steps: a weight in percent, analysis[:name], or pause[:ISO duration]; e.g. 50,analysis,100. ",
          "Retention: how long blue is kept after green carries everything (ISO 8601, e.g. PT30S)."))));
  let clusters = [];

  function draw() {
    const team = $("filter-team").value;
    const version = $("filter-version").value;
    const state = $("filter-state").value;
    const shown = clusters.filter((c) =>
      (!team || c.team === team) &&
      (!version || c.version === version) &&
      (!state || (state === "in flight" ? !!c.upgradeInFlight : fleetState(c) === state)));
    $("fleet-shown").textContent = shown.length + " of " + clusters.length + " clusters";
    fill($("fleet").tBodies[0], ...shown.map((c) => {
      const deadline = c.endOfStandardSupport || "";
      const past = deadline && deadline < today;
      const u = c.upgradeInFlight;
      const last = c.lastUpgrade;
      return h("tr", { "data-cluster": c.name, class: past ? "past-standard" : null },
        h("td", { class: "name" }, h("b", {}, c.name), c.servingCluster !== c.name ? h("div", { class: "muted small" }, c.servingCluster) : null),
        h("td", {}, c.team || "–"),
        h("td", { class: "version" }, c.version || "–"),
        h("td", {}, c.generation),
        h("td", {}, badge(c.supportStatus)),
        h("td", { class: "deadline" + (!past && deadline && deadline < soon ? " soon" : ""), title: past ? "past end of standard support" : null },
          deadline || "–", past ? " (past)" : "",
          c.endOfExtendedSupport ? h("div", { class: "muted small" }, "extended until " + c.endOfExtendedSupport) : null),
        h("td", {}, c.nextVersion || "–"),
        h("td", { class: "inflight" }, u
          ? [h("a", { href: "#/upgrades/" + u.upgradeId }, u.fromVersion + " → " + u.toVersion), " ", badge(u.state)]
          : h("span", { class: "muted" }, "none")),
        h("td", {}, last
          ? [h("a", { href: "#/upgrades/" + last.upgradeId }, last.toVersion), " ", badge(last.state)]
          : h("span", { class: "muted" }, "–")));
    }));
  }

  function prefillVersion() {
    const c = clusters.find((x) => x.name === $("start-cluster").value);
    const input = $("start-version");
    if (c && c.nextVersion && (!input.value || input.dataset.auto === "1")) {
      input.value = c.nextVersion;
      input.dataset.auto = "1";
    }
  }
  $("start-version").addEventListener("input", () => delete $("start-version").dataset.auto);

  poll(async (current) => {
    const fresh = await api("/clusters");
    if (!current()) return;
    clusters = fresh;
    const byVersion = {};
    for (const c of clusters) byVersion[c.version || "?"] = (byVersion[c.version || "?"] || 0) + 1;
    const inFlight = clusters.filter((c) => c.upgradeInFlight).length;
    const past = clusters.filter((c) => c.endOfStandardSupport && c.endOfStandardSupport < today).length;
    fill($("counts"), 
      h("div", { class: "count" }, h("b", {}, clusters.length), "clusters"),
      ...Object.keys(byVersion).sort(versionOrder).map((v) =>
        h("div", { class: "count", "data-version": v }, h("b", {}, byVersion[v]), "on " + v)),
      h("div", { class: "count" }, h("b", {}, inFlight), "upgrading"),
      h("div", { class: "count" + (past ? " bad" : "") }, h("b", {}, past), "past standard support"));
    keepOptions($("filter-team"), [...new Set(clusters.map((c) => c.team).filter(Boolean))].sort(), "all teams");
    keepOptions($("filter-version"), Object.keys(byVersion).sort(versionOrder), "all versions");
    keepOptions($("filter-state"),
      ["in flight", "idle", ...new Set(clusters.map((c) => c.upgradeInFlight && c.upgradeInFlight.state).filter(Boolean))],
      "any state");
    const select = $("start-cluster");
    const names = clusters.map((c) => c.name);
    if (select.options.length !== names.length || [...select.options].some((o, i) => o.value !== names[i])) {
      const chosen = select.value;
      fill(select, ...names.map((n) => h("option", { value: n }, n)));
      if (names.includes(chosen)) select.value = chosen;
      prefillVersion();
    }
    $("start-submit").hidden = !!forbidden;
    draw();
  });
}

function versionOrder(a, b) {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  return x[0] - y[0] || x[1] - y[1] || a.localeCompare(b);
}

/** "10,analysis,50,pause:PT1M,100" → the plan's traffic steps. */
function parseSteps(text) {
  return text.split(",").map((s) => s.trim()).filter(Boolean).map((s) => {
    if (/^\d+$/.test(s)) return { type: "setWeight", weight: Number(s) };
    const [kind, arg] = s.split(":");
    if (kind === "analysis") return { type: "analysis", analysis: arg || "default" };
    if (kind === "pause") return arg ? { type: "pause", duration: arg } : { type: "pause" };
    throw new ApiError(0, "Unreadable traffic step", "'" + s + "': a weight, analysis[:name] or pause[:duration]");
  });
}

async function startUpgrade(e) {
  e.preventDefault();
  clearProblem(false);
  try {
    const body = { cluster: $("start-cluster").value, targetVersion: $("start-version").value.trim() };
    const steps = $("start-steps").value.trim();
    if (steps) body.steps = parseSteps(steps);
    const retention = $("start-retention").value.trim();
    if (retention) body.retention = retention;
    $("start-submit").disabled = true;
    const accepted = await api("/upgrades", { method: "POST", body });
    location.hash = "#/upgrades/" + accepted.id;
  } catch (error) {
    showProblem(error, false);
  } finally {
    const button = $("start-submit");
    if (button) button.disabled = false;
  }
}

// ----------------------------------------------------------------------------- upgrades

function renderUpgrades(root) {
  fill(root, 
    h("h1", {}, "Upgrades"),
    h("section", { class: "card" }, h("div", { class: "filters" },
      h("label", {}, "State", h("select", { id: "upgrades-state", onchange: () => draw() })),
      h("span", { class: "muted small", id: "upgrades-shown" }))),
    h("table", { id: "upgrades" },
      h("thead", {}, h("tr", {},
        ["Upgrade", "Cluster", "Versions", "State", "Phase", "Requested by", "Requested", "Updated"].map((t) => h("th", {}, t)))),
      h("tbody", {})));
  let upgrades = [];
  function draw() {
    const state = $("upgrades-state").value;
    const shown = upgrades.filter((u) => !state || u.state === state);
    $("upgrades-shown").textContent = shown.length + " of " + upgrades.length + " upgrades";
    fill($("upgrades").tBodies[0], ...shown.map((u) =>
      h("tr", { "data-upgrade": u.id },
        h("td", {}, h("a", { href: "#/upgrades/" + u.id }, u.id.slice(0, 8)), u.dryRun ? " (dry run)" : ""),
        h("td", {}, u.logicalCluster || u.cluster),
        h("td", {}, (u.currentVersion || "?") + " → " + u.targetVersion),
        h("td", {}, badge(u.state)),
        h("td", {}, u.phase || "–"),
        h("td", {}, u.requestedBy || "–"),
        h("td", {}, time(u.requestedAt)),
        h("td", {}, time(u.updatedAt)))));
  }
  poll(async (current) => {
    const fresh = await api("/upgrades");
    if (!current()) return;
    upgrades = fresh;
    keepOptions($("upgrades-state"), [...new Set(upgrades.map((u) => u.state))].sort(), "any state");
    draw();
  });
}

// ------------------------------------------------------------------------------ upgrade

/** The control actions the state machine would accept now. */
function allowedActions(view, events) {
  const s = view.state;
  const base = s === "PAUSED" ? view.pausedFrom : s;
  if (s === "FAILED") return RETRYABLE_AFTER_FAILURE.includes(view.failedIn) ? ["retry"] : [];
  if (TERMINAL.includes(s) || view.dryRun) return [];
  const out = [];
  if (s === "AWAITING_SHIFT_APPROVAL" || s === "AWAITING_DECOMMISSION_APPROVAL") out.push("approve");
  if ((s === "SHIFTING" && view.awaitingPromote) || (s === "PAUSED" && pausedByInconclusiveAnalysis(events))) {
    out.push("promote");
  }
  if (PAUSABLE.includes(s)) out.push("pause");
  if (s === "PAUSED") out.push("resume");
  if (CANCELLABLE.includes(base)) out.push("cancel");
  if (ROLLBACKABLE.includes(base)) out.push("rollback");
  return out;
}

function pausedByInconclusiveAnalysis(events) {
  for (let i = events.length - 1; i >= 0; i--) {
    const d = events[i].data || {};
    if (events[i].type === "UpgradeTransitioned" && d.to === "PAUSED" && d.from !== "PAUSED") {
      return short(d.input && d.input.type) === "AnalysisCompleted";
    }
  }
  return false;
}

function transitions(events) {
  return events.filter((e) => e.type === "UpgradeTransitioned" && e.data);
}

function inputsOf(events, name) {
  return transitions(events).filter((e) => e.data.input && short(e.data.input.type) === name && e.data.input.data);
}

function phaseBar(view, events) {
  const s = view.state;
  const reached = transitions(events).map((e) => HAPPY.indexOf(e.data.to)).reduce((a, b) => Math.max(a, b), -1);
  let current;
  let mode = "";
  let off = null;
  if (HAPPY.includes(s)) {
    current = HAPPY.indexOf(s);
    mode = s.startsWith("AWAITING_") ? "waiting" : "";
  } else if (s === "PAUSED") {
    current = HAPPY.indexOf(view.pausedFrom);
    mode = "waiting";
    off = ["PAUSED", "paused"];
  } else if (s === "REQUESTED") {
    current = -1;
  } else {
    current = s === "FAILED" && view.failedIn && HAPPY.includes(view.failedIn) ? HAPPY.indexOf(view.failedIn) : reached;
    mode = "failed";
    off = [s, ""];
  }
  const items = HAPPY.map((p, i) => {
    let css = "phase";
    if (i < current || (p === "COMPLETED" && s === "COMPLETED")) css += " done";
    else if (i === current) css += " current " + mode;
    return h("div", { class: css, "data-phase": p }, p.replace(/_/g, " "));
  });
  if (off) items.push(h("div", { class: "phase off " + off[1], "data-phase": off[0] }, off[0].replace(/_/g, " ")));
  return items;
}

/** Blue and green weights: the last verified TrafficWeightSet / TrafficRolledBack, else the state. */
function weights(view, events) {
  const facts = [...inputsOf(events, "TrafficWeightSet"), ...inputsOf(events, "TrafficRolledBack")]
    .sort((a, b) => (a.at < b.at ? -1 : 1));
  const history = facts.map((e) => ({ at: e.at, blue: e.data.input.data.blueWeight, green: e.data.input.data.greenWeight }));
  if (history.length) return { now: history[history.length - 1], history };
  const before = ["REQUESTED", "PREFLIGHT", "PROVISIONING", "DEPLOYING", "VERIFYING", "AWAITING_SHIFT_APPROVAL", "CANCELLED"];
  if (before.includes(view.state) || before.includes(view.pausedFrom)) return { now: { blue: 100, green: 0 }, history };
  return { now: null, history };
}

function weightBar(w) {
  if (!w) return h("p", { class: "muted" }, "not known yet");
  return h("div", { class: "weights", id: "weights", "data-blue": w.blue, "data-green": w.green },
    w.blue > 0 ? h("div", { class: "blue", style: "width:" + w.blue + "%" }, "blue " + w.blue + "%") : null,
    w.green > 0 ? h("div", { class: "green", style: "width:" + w.green + "%" }, "green " + w.green + "%") : null);
}

const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A small line chart of one metric, blue against green, one point per measured window. */
function metricChart(metric, points) {
  const W = 380, H = 150, L = 44, R = 10, T = 18, B = 22;
  const max = Math.max(0, ...points.flatMap((p) => [p.blue, p.green].filter((v) => typeof v === "number")));
  const x = (i) => L + (points.length === 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (points.length - 1));
  const top = max > 0 ? max : 1;
  const y = (v) => T + (H - T - B) * (1 - v / top);
  const svg = s("svg", { class: "chart", width: W, height: H, viewBox: `0 0 ${W} ${H}`, "data-metric": metric });
  svg.append(s("text", { x: L, y: 12 }, metric + " per window"));
  svg.append(s("line", { class: "axis", x1: L, y1: H - B, x2: W - R, y2: H - B }));
  svg.append(s("line", { class: "axis", x1: L, y1: T, x2: L, y2: H - B }));
  svg.append(s("text", { x: 2, y: T + 4 }, fmt(top)));
  svg.append(s("text", { x: W - R - 92, y: 12, class: "legend-b" }, "— blue"));
  svg.append(s("text", { x: W - R - 50, y: 12, class: "legend-g" }, "— green"));
  svg.append(s("text", { x: 2, y: H - B }, "0"));
  for (const [key, line, dot] of [["green", "g", "gd"], ["blue", "b", "bd"]]) {
    const pts = points.map((p, i) => [i, p[key]]).filter(([, v]) => typeof v === "number");
    if (pts.length > 1) svg.append(s("polyline", { class: line, points: pts.map(([i, v]) => x(i) + "," + y(v)).join(" ") }));
    for (const [i, v] of pts) {
      const c = s("circle", { class: dot, cx: x(i), cy: y(v), r: 3 });
      c.append(s("title", {}, key + " " + fmt(v) + " (" + points[i].label + ")"));
      svg.append(c);
    }
  }
  points.forEach((p, i) => svg.append(s("text", { x: x(i) - 8, y: H - 6 }, p.label)));
  return svg;
}

function fmt(v) {
  if (typeof v !== "number") return "–";
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2);
}

function analysisSection(events) {
  const analyses = inputsOf(events, "AnalysisCompleted").map((e) => e.data.input.data);
  if (!analyses.length) return [h("p", { class: "muted" }, "no analysis has completed yet")];
  // One point per metric and window, labelled step.window (1.2: the second window at step 1).
  const byMetric = {};
  for (const a of analyses) {
    const windows = {};
    for (const m of a.measurements || []) {
      windows[m.metric] = (windows[m.metric] || 0) + 1;
      (byMetric[m.metric] = byMetric[m.metric] || []).push({
        blue: m.blueValue, green: m.greenValue, label: a.stepIndex + "." + windows[m.metric],
      });
    }
  }
  return [
    h("table", { id: "analyses" },
      h("thead", {}, h("tr", {}, ["Step", "Analysis", "Verdict", "Measurements"].map((t) => h("th", {}, t)))),
      h("tbody", {}, analyses.map((a) => h("tr", {},
        h("td", {}, a.stepIndex), h("td", {}, a.analysis), h("td", {}, badge(a.verdict, a.verdict === "SUCCESSFUL" ? "ok" : "bad")),
        h("td", { class: "small" }, (a.measurements || []).map((m) =>
          h("div", {}, m.metric + ": blue " + fmt(m.blueValue) + ", green " + fmt(m.greenValue) +
            (m.greenRequests !== undefined ? " (" + m.greenRequests + " requests)" : "") + " — " + m.result))))))),
    h("div", { class: "grid", id: "charts" }, Object.entries(byMetric).map(([metric, points]) => metricChart(metric, points))),
  ];
}

function auditTable(events) {
  return h("table", { id: "audit" },
    h("thead", {}, h("tr", {}, ["Time", "Transition", "Reason", "Actor", "Cause"].map((t) => h("th", {}, t)))),
    h("tbody", {}, events.map((e) => {
      const d = e.data || {};
      const said = d.input && d.input.data && d.input.data.reason;
      const rejected = e.type !== "UpgradeTransitioned";
      return h("tr", { class: rejected ? "rejected" : null },
        h("td", { class: "small" }, time(e.at)),
        h("td", {}, rejected ? badge("rejected", "bad") : [d.from ? d.from + " → " : "", h("b", {}, d.to)]),
        h("td", {}, d.reason || "", said ? h("div", { class: "muted small said" }, "“" + said + "”") : null),
        h("td", {}, d.actor || (d.input && d.input.actor) || "–"),
        h("td", { class: "small" }, short((d.cause && d.cause.type) || (d.input && d.input.type))));
    })));
}

function renderUpgrade(root, id) {
  fill(root, 
    h("p", { class: "small" }, h("a", { href: "#/upgrades" }, "← all upgrades")),
    h("h1", { id: "upgrade-title" }, "Upgrade ", id),
    h("div", { class: "phasebar", id: "phasebar" }),
    h("div", { class: "controls", id: "controls" }),
    h("div", { class: "grid" },
      h("section", { class: "card" }, h("h2", {}, "Now"), h("dl", { class: "facts", id: "facts" })),
      h("section", { class: "card" }, h("h2", {}, "Traffic"), h("div", { id: "traffic" }))),
    h("section", { class: "card" }, h("h2", {}, "Analysis"), h("div", { id: "analysis" })),
    h("section", { class: "card" }, h("h2", {}, "Audit trail"), h("div", { id: "audit-trail" })),
    h("section", { class: "card" },
      h("h2", {}, "Timeline ",
        h("a", { class: "small", id: "timeline-md", href: "#", onclick: (e) => openTimeline(e, id, "md") }, "Markdown"), " ",
        h("a", { class: "small", href: "#", onclick: (e) => openTimeline(e, id, "html") }, "open")),
      h("iframe", { class: "timeline", id: "timeline", sandbox: "", title: "timeline" })));
  let shownActions = null;
  let timelineFor = null;

  poll(async (current) => {
    const [view, events] = await Promise.all([
      api("/upgrades/" + encodeURIComponent(id)),
      api("/upgrades/" + encodeURIComponent(id) + "/events"),
    ]);
    if (!current()) return;
    fill($("upgrade-title"), 
      "Upgrade of ", view.logicalCluster || view.cluster, " ", (view.currentVersion || "?") + " → " + view.targetVersion, " ",
      h("span", { id: "state", "data-state": view.state }, badge(view.state)));
    fill($("phasebar"), ...phaseBar(view, events));

    // Buttons change only when the allowed set does, so a click never lands on a replaced one.
    const actions = forbidden ? [] : allowedActions(view, events);
    const key = actions.join(",") + "|" + (forbidden || "");
    if (key !== shownActions) {
      shownActions = key;
      fill($("controls"), 
        ...actions.map((a) => h("button", { type: "button", id: "action-" + a, class: ACTIONS[a].css, "data-action": a, onclick: () => control(id, a) }, ACTIONS[a].label)),
        ...(forbidden ? [h("span", { class: "muted", id: "controls-forbidden" }, "Controls hidden: the server refused (403): " + forbidden)] : []));
    }

    const step = view.currentStep;
    const plan = view.plan || {};
    fill($("facts"), 
      ...fact("State", [badge(view.state), view.pausedFrom ? " (from " + view.pausedFrom + ")" : ""]),
      ...fact("Phase", view.phase || "–"),
      ...(step ? fact("Traffic step", (view.stepIndex + 1) + "/" + (plan.steps || []).length + ": " + stepText(step) + (view.awaitingPromote ? " (waits for promote)" : "")) : []),
      ...(view.progress && !TERMINAL.includes(view.state) ? fact("Progress", progressText(view.progress)) : []),
      ...fact("Blue", view.cluster),
      ...fact("Green", view.greenCluster || "–"),
      ...fact("Requested", (view.requestedBy || "?") + ", " + time(view.requestedAt)),
      ...fact("Updated", time(view.updatedAt)),
      ...(view.phaseDeadline ? fact("Phase deadline", time(view.phaseDeadline)) : []),
      ...(view.retryAt ? fact("Retry at", time(view.retryAt) + " (retry " + view.retries + ")") : []),
      ...(view.completedAt ? fact("Ended", time(view.completedAt)) : []),
      ...(view.lastError ? fact("Last error", h("span", { class: "badge bad" }, view.lastError)) : []),
      ...fact("Plan", (plan.steps || []).map(stepText).join(" → ") + "; retention " + (plan.retention || "?")));

    const w = weights(view, events);
    fill($("traffic"), 
      weightBar(w.now),
      w.history.length
        ? h("ol", { class: "small" }, w.history.map((x) => h("li", {}, time(x.at) + ": blue " + x.blue + "%, green " + x.green + "%")))
        : null);
    fill($("analysis"), ...analysisSection(events));
    fill($("audit-trail"), auditTable(events));

    // The timeline (the same renderer as bin/replay) is fetched again only when the trail grew.
    const timelineKey = events.length + "|" + view.state;
    if (timelineKey !== timelineFor) {
      const html = await api("/upgrades/" + encodeURIComponent(id) + "/timeline?format=html", { accept: "text/html" });
      if (!current()) return;
      timelineFor = timelineKey;
      $("timeline").srcdoc = html;
      $("timeline").dataset.state = view.state;
    }
  });
}

function fact(name, value) {
  return [h("dt", {}, name), h("dd", {}, value)];
}

function stepText(step) {
  if (step.type === "setWeight") return step.weight + "%";
  if (step.type === "analysis") return "analysis " + step.analysis;
  return "pause" + (step.duration ? " " + step.duration : "");
}

function progressText(p) {
  return [p.step, p.done !== undefined && p.total !== undefined ? p.done + "/" + p.total : null, p.message]
    .filter(Boolean).join(" · ");
}

async function openTimeline(e, id, format) {
  e.preventDefault();
  try {
    const text = await api("/upgrades/" + encodeURIComponent(id) + "/timeline?format=" + format, {
      accept: format === "md" ? "text/markdown" : "text/html",
    });
    const blob = new Blob([text], { type: format === "md" ? "text/plain;charset=utf-8" : "text/html;charset=utf-8" });
    window.open(URL.createObjectURL(blob), "_blank");
  } catch (error) {
    showProblem(error, false);
  }
}

/** Asks for confirmation and a reason; resolves to the reason, or null when cancelled. */
function confirmAction(action, id) {
  const dialog = $("confirm");
  $("confirm-title").textContent = ACTIONS[action].label + " upgrade " + id.slice(0, 8) + "?";
  $("confirm-text").textContent = ACTIONS[action].text;
  $("confirm-reason").value = "";
  $("confirm-ok").textContent = ACTIONS[action].label;
  return new Promise((resolve) => {
    const done = (value) => {
      dialog.removeEventListener("close", onClose);
      $("confirm-cancel").removeEventListener("click", onCancel);
      resolve(value);
    };
    const onClose = () => done(dialog.returnValue === "ok" ? $("confirm-reason").value.trim() : null);
    const onCancel = () => dialog.close("cancel");
    dialog.addEventListener("close", onClose);
    $("confirm-cancel").addEventListener("click", onCancel);
    dialog.returnValue = "";
    dialog.showModal();
    $("confirm-reason").focus();
  });
}

async function control(id, action) {
  const reason = await confirmAction(action, id);
  if (!reason) return;
  clearProblem(false);
  try {
    await api("/upgrades/" + encodeURIComponent(id) + "/" + action, { method: "POST", body: { reason } });
  } catch (error) {
    showProblem(error, false);
  }
  route(); // read again now, not in 1.5 s
}

// -------------------------------------------------------------------------------- routes

function route() {
  const hash = location.hash || "#/fleet";
  const root = $("view");
  const m = hash.match(/^#\/upgrades\/([^/?]+)/);
  document.querySelectorAll("header nav a").forEach((a) => a.classList.remove("active"));
  if (m) {
    $("nav-upgrades").classList.add("active");
    renderUpgrade(root, decodeURIComponent(m[1]));
  } else if (hash.startsWith("#/upgrades")) {
    $("nav-upgrades").classList.add("active");
    renderUpgrades(root);
  } else {
    $("nav-fleet").classList.add("active");
    renderFleet(root);
  }
}

window.addEventListener("hashchange", () => {
  clearProblem(true);
  route();
});
renderSignIn();
route();
