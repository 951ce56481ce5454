// The bluegreen console: three pages on the orchestrator's REST API, no framework, no build.
//   #/fleet            GET /clusters, counts per version, filters, a form that POSTs /upgrades
//   #/upgrades         GET /upgrades
//   #/upgrades/{id}    GET /upgrades/{id}, /events and /timeline?format=html; control actions
//   #/campaigns        GET /campaigns; a form that plans one (POST /campaigns?dryRun=true)
//   #/campaigns/{id}   GET /campaigns/{id}, /events, /timeline: waves as columns, members as
//                      cards, budget, gates; campaign and member controls
// The API has no server-sent events, so the page in view re-reads its data every POLL_MS (the
// next read starts when the last one has ended) and updates in place, without reloading.
// Sign-in: the OIDC authorization-code flow with PKCE (S256) as a public client of the issuer the
// API trusts (GET /console/config.json), or a pasted bearer token; the access token lives in the
// tab's sessionStorage. GET /me says what the person may do; buttons show only where both the
// state machine and their role allow (the server still decides every call).
"use strict";

const POLL_MS = 1500;
const TOKEN_KEY = "bluegreen.token";
/** A sign-in under way: state, PKCE verifier, redirect URI, token endpoint, the page to go back to. */
const PENDING_KEY = "bluegreen.signin";

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
  $("signin-oidc").hidden = !!t;
  $("signin-token").hidden = !!t;
  $("signin-use").hidden = !!t;
  $("signin-out").hidden = !t;
}

/** Forgets who was signed in: their token, what /me said, a 403's verdict. */
function signedInAs(accessToken) {
  if (accessToken) sessionStorage.setItem(TOKEN_KEY, accessToken);
  else sessionStorage.removeItem(TOKEN_KEY);
  me = null;
  meFor = null;
  forbidden = null;
  renderSignIn();
}

$("signin").addEventListener("submit", (e) => {
  e.preventDefault();
  const value = $("signin-token").value.trim().replace(/^Bearer\s+/i, "");
  if (!value) return;
  $("signin-token").value = "";
  signedInAs(value);
  route();
});
$("signin-oidc").addEventListener("click", () => startSignIn().catch((e) => showProblem(e, false)));
$("signin-out").addEventListener("click", () => {
  signedInAs(null);
  route();
});
$("problem-close").addEventListener("click", () => clearProblem(false));

// -------------------------------------------------------- OIDC: authorization code + PKCE

const b64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function randomText(bytes) {
  const a = new Uint8Array(bytes);
  crypto.getRandomValues(a);
  return b64url(a);
}

async function getJson(url, what) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (e) {
    throw new ApiError(0, what + " cannot be reached", url + ": " + (e.message || e));
  }
  if (!response.ok) throw new ApiError(response.status, what + " answered " + response.status, url);
  return response.json();
}

/** To the issuer's sign-in page; it comes back to this page with ?code=...&state=... */
async function startSignIn() {
  if (!window.crypto || !crypto.subtle) {
    throw new ApiError(0, "Sign-in needs a secure context", "open the console over https (or on localhost), or paste a token");
  }
  const config = await getJson("config.json", "The console's configuration");
  const issuer = await getJson(config.issuer + "/.well-known/openid-configuration", "The issuer's discovery document");
  if (!issuer.authorization_endpoint || !issuer.token_endpoint) {
    throw new ApiError(0, "The issuer offers no sign-in", config.issuer + " has no authorization or token endpoint; paste a token instead");
  }
  const verifier = randomText(32);
  const challenge = b64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const pending = {
    state: randomText(16),
    verifier,
    clientId: config.clientId,
    redirectUri: location.origin + location.pathname,
    tokenEndpoint: issuer.token_endpoint,
    hash: location.hash,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const query = new URLSearchParams({
    response_type: "code",
    client_id: pending.clientId,
    redirect_uri: pending.redirectUri,
    scope: config.scope || "openid",
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  const at = issuer.authorization_endpoint;
  location.assign(at + (at.includes("?") ? "&" : "?") + query);
}

/** Back from the issuer: trades the code (and the verifier only this tab knows) for a token. */
async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has("code") && !params.has("error")) return;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || "null");
  sessionStorage.removeItem(PENDING_KEY);
  // The code leaves the address bar (and the history) before anything else happens.
  history.replaceState(null, "", location.pathname + ((pending && pending.hash) || location.hash));
  if (params.has("error")) {
    throw new ApiError(0, "Not signed in", params.get("error") + (params.get("error_description") ? ": " + params.get("error_description") : ""));
  }
  if (!pending || params.get("state") !== pending.state) {
    throw new ApiError(0, "Not signed in", "the issuer's answer does not belong to a sign-in started in this tab (state differs)");
  }
  let response;
  try {
    response = await fetch(pending.tokenEndpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: params.get("code"),
        redirect_uri: pending.redirectUri,
        client_id: pending.clientId,
        code_verifier: pending.verifier,
      }),
    });
  } catch (e) {
    throw new ApiError(0, "The issuer's token endpoint cannot be reached", String(e.message || e));
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    throw new ApiError(response.status, "Not signed in: the token endpoint refused", body.error_description || body.error || "");
  }
  signedInAs(body.access_token);
}

// ------------------------------------------------------------------ who may do what: /me

/** GET /me for the current token (read once per sign-in), null when signed out or unknown. */
let me = null;
let meFor = null;

async function whoAmI() {
  const t = token();
  if (!t) return null;
  if (meFor !== t) {
    try {
      const answer = await api("/me");
      if (token() === t) {
        me = answer;
        meFor = t;
      }
    } catch (ignored) {
      return null; // the page's own reads show the problem (401 and the like)
    }
  }
  return me;
}

/** Whether the role of {@code who} on {@code team}'s clusters allows an upgrade's action. */
function mayControl(who, team, action) {
  if (!who) return false;
  if (who.platformAdmin) return true;
  if (!team) return false;
  const roles = (who.teams || {})[team] || [];
  return roles.includes(action === "approve" ? "approver" : "operator");
}

/** Campaigns span teams: only platform admins control them. */
const controlsCampaigns = () => !forbidden && !!me && me.platformAdmin;

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
    h("div", { id: "freezes" }),
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
    const freezes = await api("/freezes");
    const who = await whoAmI();
    if (!current()) return;
    clusters = fresh;
    fill($("freezes"), ...freezes.map(freezeBanner));
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
    // Only the clusters the signed-in person may upgrade (operator of the team, or admin).
    const startable = who ? clusters.filter((c) => mayControl(who, c.team, "request")) : clusters;
    const names = startable.map((c) => c.name);
    if (select.options.length !== names.length || [...select.options].some((o, i) => o.value !== names[i])) {
      const chosen = select.value;
      fill(select, ...names.map((n) => h("option", { value: n }, n)));
      if (names.includes(chosen)) select.value = chosen;
      prefillVersion();
    }
    $("start-submit").hidden = !!forbidden || (!!who && names.length === 0);
    draw();
  });
}

/** A fleet freeze standing now or to come: no first shift or decommission starts while in effect. */
function freezeBanner(f) {
  const inEffect = f.standing === "IN_EFFECT";
  return h("div", { class: "freeze" + (inEffect ? " in-effect" : ""), "data-freeze": f.freezeId },
    h("b", {}, inEffect ? "Fleet frozen" : "Fleet freeze scheduled"), " ",
    f.reason ? "(" + f.reason + ") " : "",
    inEffect ? "until " + f.to : "from " + f.from + " until " + f.to,
    h("span", { class: "muted small" },
      " — " + f.freezeId + ", declared by " + f.declaredBy +
      (inEffect ? "; no upgrade starts a traffic shift or a decommission" : "")));
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
  let team; // the owning team (the cluster's team tag), read once; null: none

  poll(async (current) => {
    const [view, events, who] = await Promise.all([
      api("/upgrades/" + encodeURIComponent(id)),
      api("/upgrades/" + encodeURIComponent(id) + "/events"),
      whoAmI(),
    ]);
    if (!current()) return;
    if (team === undefined && who && !who.platformAdmin) {
      try {
        team = (await api("/clusters/" + encodeURIComponent(view.logicalCluster || view.cluster))).team || null;
      } catch (ignored) {
        // not known yet (EKS not answering): no buttons but an admin's; asked again next time
      }
      if (!current()) return;
    }
    fill($("upgrade-title"), 
      "Upgrade of ", view.logicalCluster || view.cluster, " ", (view.currentVersion || "?") + " → " + view.targetVersion, " ",
      h("span", { id: "state", "data-state": view.state }, badge(view.state)));
    fill($("phasebar"), ...phaseBar(view, events));

    // Buttons: what the state machine would accept, of that what the person's role allows.
    // They change only when that set does, so a click never lands on a replaced one.
    const possible = forbidden ? [] : allowedActions(view, events);
    const actions = possible.filter((a) => mayControl(who, team, a));
    const roleNote = actions.length < possible.length
      ? (who ? who.actor : "nobody signed in") + " may not " + possible.filter((a) => !actions.includes(a)).map((a) => ACTIONS[a].label.toLowerCase()).join(", ")
        + (team ? " upgrades of team " + team : team === null ? " upgrades of a cluster without a team (platform admins only)" : " here")
      : null;
    const key = actions.join(",") + "|" + (forbidden || "") + "|" + (roleNote || "");
    if (key !== shownActions) {
      shownActions = key;
      fill($("controls"), 
        ...actions.map((a) => h("button", { type: "button", id: "action-" + a, class: ACTIONS[a].css, "data-action": a, onclick: () => control(id, a) }, ACTIONS[a].label)),
        ...(roleNote ? [h("span", { class: "muted", id: "controls-role" }, "Controls hidden: " + roleNote)] : []),
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
  return askReason(ACTIONS[action].label + " upgrade " + id.slice(0, 8) + "?", ACTIONS[action].text, ACTIONS[action].label);
}

/** The confirm dialog: a title, what will happen, a required reason; resolves to it or null. */
function askReason(title, text, okLabel) {
  const dialog = $("confirm");
  $("confirm-title").textContent = title;
  $("confirm-text").textContent = text;
  $("confirm-reason").value = "";
  $("confirm-ok").textContent = okLabel;
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

// ---------------------------------------------------------------------------- campaigns

const CAMPAIGN_TERMINAL = ["COMPLETED", "CANCELLED", "ROLLED_BACK"];
const MEMBER_STATUSES = ["PENDING", "UPGRADING", "ON_GREEN", "COMPLETED", "FAILED", "ROLLED_BACK", "CANCELLED", "SKIPPED"];
// The campaign decider's rules for controls (libs/campaign-machine CampaignDecider), so buttons show
// only when it would accept them; the server still decides and answers 409 if not.
const CAMPAIGN_ACTIONS = {
  start: { label: "Start", css: "primary", text: "Start this plan: its members are upgraded wave by wave.", when: (s) => s === "PLANNED" },
  approve: { label: "Approve gate", css: "primary", text: "Pass the gate: the waiting wave starts.", when: (s) => s === "AWAITING_APPROVAL" },
  pause: { label: "Pause", css: "", text: "Start no new member; members in flight go on.", when: (s) => ["SCHEDULED", "RUNNING", "AWAITING_APPROVAL"].includes(s) },
  resume: { label: "Resume", css: "primary", text: "Go on; the failures so far no longer count against the budget.", when: (s) => s === "PAUSED" },
  cancel: { label: "Cancel", css: "danger", text: "Start nothing new; members in flight finish or roll back as their own state allows.", when: (s) => !CAMPAIGN_TERMINAL.includes(s) && s !== "CANCELLING" },
  rollback: { label: "Roll back campaign", css: "danger", text: "Every member that still keeps its blue goes back to it; the campaign ends ROLLED_BACK.", when: (s) => !CAMPAIGN_TERMINAL.includes(s) && s !== "PLANNING" && s !== "PLANNED" },
};
const memberCss = (status) => ({
  PENDING: "", UPGRADING: "run", ON_GREEN: "ok", COMPLETED: "ok", FAILED: "bad", ROLLED_BACK: "bad", CANCELLED: "bad", SKIPPED: "skip",
}[status] || "");

function renderCampaigns(root) {
  fill(root,
    h("h1", {}, "Campaigns"),
    h("table", { id: "campaigns" },
      h("thead", {}, h("tr", {},
        ["Campaign", "Name", "Status", "Wave", "Members", "Budget left", "Ends (estimate)", "Deadline", "Requested"].map((t) => h("th", {}, t)))),
      h("tbody", {})),
    h("section", { class: "card", id: "plan" },
      h("h2", {}, "Plan a campaign"),
      h("form", { id: "plan-form", onsubmit: planCampaign },
        h("div", { class: "form-row" },
          h("label", {}, "Name", h("input", { id: "plan-name", size: 18, placeholder: "1.32 to 1.33" })),
          h("label", {}, "Target version", h("input", { id: "plan-version", size: 6, value: "next", required: true })),
          h("label", {}, "Clusters (names or globs)", h("input", { id: "plan-clusters", size: 24, placeholder: "all; e.g. search-*,identity-012" })),
          h("label", {}, "Teams", h("input", { id: "plan-teams", size: 14, placeholder: "all; e.g. search" })),
          h("label", {}, "Waves", h("select", { id: "plan-waves" },
            h("option", { value: "one" }, "one wave"),
            h("option", { value: "canary" }, "a canary per team, then the rest"))),
          h("label", {}, "At once", h("input", { id: "plan-concurrency", size: 4, value: "2" })),
          h("label", {}, "Failure budget", h("input", { id: "plan-budget", size: 4, value: "0" }))),
        h("div", { class: "form-row" },
          h("label", {}, "Traffic steps per member (optional)",
            h("input", { id: "plan-steps", size: 30, placeholder: "default: 10,analysis,50,analysis,100,analysis" })),
          h("label", {}, "Retention (optional)", h("input", { id: "plan-retention", size: 10, placeholder: "PT24H" })),
          h("label", { class: "inline" }, h("input", { type: "checkbox", id: "plan-member-gates" }), "a person approves each member's shift"),
          h("button", { type: "submit", class: "primary", id: "plan-submit" }, "Plan")),
        h("p", { class: "muted small" },
          "Planning runs every member's real pre-flight and changes nothing; the plan opens, and Start runs it. ",
          "Target version: a version such as 1.33, or next (each cluster's next supported version). ",
          "At once and the budget take a count or a percentage (10%)."))));
  poll(async (current) => {
    const campaigns = await api("/campaigns");
    if (!current()) return;
    $("plan-submit").hidden = !!forbidden;
    fill($("campaigns").tBodies[0], ...campaigns.map((c) =>
      h("tr", { "data-campaign": c.campaignId },
        h("td", {}, h("a", { href: "#/campaigns/" + c.campaignId }, c.campaignId)),
        h("td", {}, c.name || "–"),
        h("td", {}, badge(c.status), planNote(c)),
        h("td", {}, c.currentWave || "–"),
        h("td", { class: "small" }, countsText(c.counts)),
        h("td", {}, c.budget ? c.budget.left + " of " + c.budget.allowed : "–"),
        h("td", {}, time(c.estimatedEnd)),
        h("td", { class: c.onTime === false ? "late" : null }, time(c.deadline), c.onTime === false ? " (late)" : ""),
        h("td", {}, (c.requestedBy || "?") + ", " + time(c.createdAt)))));
    if (!campaigns.length) {
      fill($("campaigns").tBodies[0], h("tr", {}, h("td", { colspan: 9, class: "muted" }, "no campaigns yet")));
    }
  });
}

/** " (plan)" while a plan, " (from a plan)" once started, else nothing. */
function planNote(c) {
  if (!c.dryRun) return "";
  return c.status === "PLANNING" || c.status === "PLANNED" ? " (plan)" : " (from a plan)";
}

function countsText(counts) {
  const parts = MEMBER_STATUSES.filter((s) => counts && counts[s] > 0).map((s) => counts[s] + " " + s.toLowerCase().replace(/_/g, " "));
  return parts.length ? parts.join(", ") : "no members";
}

const list = (text) => text.split(",").map((x) => x.trim()).filter(Boolean);

async function planCampaign(e) {
  e.preventDefault();
  clearProblem(false);
  try {
    const selector = {};
    const clusters = list($("plan-clusters").value);
    const teams = list($("plan-teams").value);
    if (clusters.length) selector.clusters = clusters;
    if (teams.length) selector.teams = teams;
    const body = {
      targetVersion: $("plan-version").value.trim() || "next",
      selector,
      maxConcurrency: $("plan-concurrency").value.trim() || "1",
      failureBudget: $("plan-budget").value.trim() || "0",
    };
    const name = $("plan-name").value.trim();
    if (name) body.name = name;
    // The members' upgrade plan: the campaign's waves and gates replace each member's, unless asked.
    const gates = $("plan-member-gates").checked;
    body.plan = { approvalGates: { beforeShift: gates, beforeDecommission: gates } };
    const steps = $("plan-steps").value.trim();
    if (steps) body.plan.steps = parseSteps(steps);
    const retention = $("plan-retention").value.trim();
    if (retention) body.plan.retention = retention;
    if ($("plan-waves").value === "canary") body.waves = [{ name: "canary", onePerTeam: true }, { name: "rest" }];
    $("plan-submit").disabled = true;
    const created = await api("/campaigns?dryRun=true", { method: "POST", body });
    location.hash = "#/campaigns/" + created.campaign.campaignId;
  } catch (error) {
    showProblem(error, false);
  } finally {
    const button = $("plan-submit");
    if (button) button.disabled = false;
  }
}

/** Member controls the decider would accept: skip one not started (or any in a plan), retry a failed one. */
function memberActions(c, m) {
  const s = c.status;
  if (CAMPAIGN_TERMINAL.includes(s) || !controlsCampaigns()) return [];
  const out = [];
  if ((s === "PLANNED" && m.status !== "SKIPPED") || (m.status === "PENDING" && s !== "PLANNING")) out.push("skip");
  if (m.status === "FAILED" && s !== "PLANNING" && s !== "PLANNED") out.push("retry");
  return out;
}

function memberCard(c, m) {
  const planned = m.planPassed === true ? "passed" : m.planPassed === false ? "FAILED" : null;
  return h("div", { class: "member " + memberCss(m.status), "data-member": m.cluster, "data-status": m.status },
    h("div", { class: "member-head" }, h("b", {}, m.cluster), " ", badge(m.status, memberCss(m.status))),
    h("div", { class: "small muted" }, (m.team || "no team") + " · " + (m.currentVersion || "?") + " → " + (m.targetVersion || "?")),
    m.upgradeId
      ? h("div", { class: "small" }, h("a", { href: "#/upgrades/" + m.upgradeId, class: "member-upgrade" }, "upgrade"), " ",
        m.upgradeState ? badge(m.upgradeState) : null, m.failedIn ? " in " + m.failedIn : "")
      : null,
    planned
      ? h("div", { class: "small plan-result " + (m.planPassed ? "ok" : "bad"), title: m.planResult || "" },
        "plan: pre-flight " + planned + (m.planPassed ? "" : m.planResult ? " (" + m.planResult + ")" : ""))
      : null,
    m.reason ? h("div", { class: "small reason" }, m.reason) : null,
    m.windows
      ? h("div", { class: "small muted member-windows", title: "the first shift and the decommission start only inside these" },
        "windows: " + m.windows + (m.windowOpensAt ? " · next opens " + time(m.windowOpensAt) : ""))
      : null,
    m.startedAt ? h("div", { class: "small muted" }, time(m.startedAt) + (m.settledAt ? " → " + time(m.settledAt) : "")) : null,
    h("div", { class: "member-actions" }, memberActions(c, m).map((a) =>
      h("button", { type: "button", class: "small-button", "data-action": a, onclick: () => memberControl(c.campaignId, m.cluster, a) },
        a === "skip" ? "Skip" : "Retry"))));
}

function waveColumn(c, w, index) {
  const current = c.currentWave === w.name && !CAMPAIGN_TERMINAL.includes(c.status);
  const inFlight = w.members.some((m) => m.status === "UPGRADING" || m.status === "ON_GREEN");
  const notes = ["at most " + w.maxConcurrency + " at once"];
  if (w.soak) notes.push("soak " + w.soak);
  if (w.approvalBefore) notes.push(w.approved ? "gate approved" : "gate before");
  if (w.failureBudget !== null && w.failureBudget !== undefined) notes.push("budget " + w.failureBudget);
  const rollback = controlsCampaigns() && inFlight && CAMPAIGN_ACTIONS.rollback.when(c.status);
  return h("section", { class: "wave" + (current ? " current" : ""), "data-wave": w.name },
    h("h3", {}, (index + 1) + ". " + w.name, current ? h("span", { class: "badge run" }, "now") : null),
    h("div", { class: "small muted" }, notes.join(" · ")),
    current && c.status === "AWAITING_APPROVAL" ? h("div", { class: "gate", id: "gate-waiting" }, "gate waits for approval") : null,
    rollback
      ? h("button", { type: "button", class: "danger small-button", "data-action": "rollback-wave", onclick: () => campaignControl(c.campaignId, "rollback", w.name) }, "Roll back wave")
      : null,
    w.members.map((m) => memberCard(c, m)));
}

function renderCampaign(root, id) {
  fill(root,
    h("p", { class: "small" }, h("a", { href: "#/campaigns" }, "← all campaigns")),
    h("h1", { id: "campaign-title" }, "Campaign ", id),
    h("div", { class: "controls", id: "campaign-controls" }),
    h("div", { class: "counts", id: "campaign-counts" }),
    h("section", { class: "card" }, h("dl", { class: "facts", id: "campaign-facts" })),
    h("p", { class: "small muted", id: "campaign-drift" }),
    h("div", { class: "waves", id: "waves" }),
    h("section", { class: "card" }, h("h2", {}, "Decisions"), h("div", { id: "campaign-audit" })),
    h("section", { class: "card" }, h("h2", {}, "Timeline"), h("pre", { class: "timeline-text", id: "campaign-timeline" })));
  let shownActions = null;
  let shownWaves = null;
  showDrift(id);
  poll(async (current) => {
    const path = "/campaigns/" + encodeURIComponent(id);
    const [c, events, timeline] = await Promise.all([
      api(path), api(path + "/events"), api(path + "/timeline", { accept: "text/plain" }), whoAmI(),
    ]);
    if (!current()) return;
    fill($("campaign-title"), "Campaign ", c.name || id, " ",
      h("span", { id: "campaign-status", "data-status": c.status }, badge(c.status)), h("span", { class: "muted small" }, planNote(c)));
    const possible = forbidden ? [] : Object.keys(CAMPAIGN_ACTIONS).filter((a) => CAMPAIGN_ACTIONS[a].when(c.status));
    const actions = controlsCampaigns() ? possible : [];
    const roleNote = actions.length < possible.length ? (me ? me.actor : "nobody signed in") + " may not control campaigns (platform admins only)" : null;
    const key = actions.join(",") + "|" + (forbidden || "") + "|" + (roleNote || "");
    if (key !== shownActions) {
      shownActions = key;
      fill($("campaign-controls"),
        ...actions.map((a) => h("button", { type: "button", id: "campaign-" + a, class: CAMPAIGN_ACTIONS[a].css, "data-action": a, onclick: () => campaignControl(id, a) }, CAMPAIGN_ACTIONS[a].label)),
        ...(roleNote ? [h("span", { class: "muted", id: "campaign-controls-role" }, "Controls hidden: " + roleNote)] : []),
        ...(forbidden ? [h("span", { class: "muted" }, "Controls hidden: the server refused (403): " + forbidden)] : []));
    }
    fill($("campaign-counts"),
      ...MEMBER_STATUSES.filter((s) => c.counts && c.counts[s] > 0).map((s) =>
        h("div", { class: "count " + memberCss(s), "data-count": s }, h("b", {}, c.counts[s]), s.toLowerCase().replace(/_/g, " "))),
      h("div", { class: "count" + (c.budget && c.budget.left === 0 && c.budget.counted > 0 ? " bad" : ""), id: "budget" },
        h("b", {}, c.budget ? c.budget.counted + " / " + c.budget.allowed : "–"), "failures / budget (" + (c.budget ? c.budget.left : "?") + " left)"));
    fill($("campaign-facts"),
      ...fact("Status", [badge(c.status), " wave ", c.currentWave || "–"]),
      ...(c.status === "PAUSED" ? fact("Paused", h("span", { class: "badge wait", id: "pause-reason" }, c.pauseReason || "by a person")) : []),
      ...(c.status === "AWAITING_APPROVAL" ? fact("Gate", "wave " + c.currentWave + " waits for approval") : []),
      ...(c.soakUntil && !CAMPAIGN_TERMINAL.includes(c.status) ? fact("Soak until", time(c.soakUntil)) : []),
      ...(c.notBefore ? fact("Not before", time(c.notBefore)) : []),
      ...fact(CAMPAIGN_TERMINAL.includes(c.status) ? "Ended" : "Ends (estimate)", h("span", { id: "estimate" }, time(c.estimatedEnd))),
      ...fact("Deadline", h("span", { class: c.onTime === false ? "late" : null, id: "deadline" },
        time(c.deadline), c.onTime === true ? " (on time)" : c.onTime === false ? " (late)" : "")),
      ...fact("Selector", c.selector || "all"),
      ...fact("Requested", (c.requestedBy || "?") + ", " + time(c.createdAt)),
      ...fact("Last decision", c.lastDecision || "–"));
    // Redrawn only when something on them changed, so a click never lands on a replaced button.
    const wavesKey = JSON.stringify([c.status, c.currentWave, c.waves, forbidden, controlsCampaigns()]);
    if (wavesKey !== shownWaves) {
      shownWaves = wavesKey;
      fill($("waves"), ...c.waves.map((w, i) => waveColumn(c, w, i)));
    }
    fill($("campaign-audit"), h("table", { id: "campaign-events" },
      h("thead", {}, h("tr", {}, ["Time", "Status", "Wave", "Member", "Reason", "Actor"].map((t) => h("th", {}, t)))),
      h("tbody", {}, events.map((e) => {
        const d = e.data || {};
        return h("tr", { class: d.rejected ? "rejected" : null },
          h("td", { class: "small" }, time(e.at)),
          h("td", {}, d.rejected ? badge("refused", "bad") : [d.from && d.from !== d.to ? d.from + " → " : "", h("b", {}, d.to)]),
          h("td", {}, (d.wave !== undefined ? d.wave + 1 : "–")),
          h("td", {}, d.member ? [d.member, " ", badge(d.memberStatus, memberCss(d.memberStatus))] : "–"),
          h("td", {}, d.reason || ""),
          h("td", {}, d.actor || "–"));
      }))));
    $("campaign-timeline").textContent = timeline || "";
  });
}

/**
 * Clusters that appeared in or vanished from the fleet since the campaign's snapshot, read once
 * per visit (it reads the fleet from EKS, too much for every poll).
 */
async function showDrift(id) {
  const line = $("campaign-drift");
  try {
    const d = await api("/campaigns/" + encodeURIComponent(id) + "/drift");
    if (!line.isConnected) return;
    const appeared = (d.appeared || []).map((a) => a.cluster);
    const vanished = d.vanished || [];
    line.dataset.appeared = appeared.length;
    line.dataset.vanished = vanished.length;
    line.textContent = appeared.length || vanished.length
      ? "Fleet since the snapshot: " +
        (appeared.length ? "appeared (not in the campaign): " + appeared.join(", ") : "nothing appeared") + "; " +
        (vanished.length ? "vanished: " + vanished.join(", ") : "nothing vanished")
      : "Fleet since the snapshot: no cluster appeared or vanished";
  } catch (e) {
    if (line.isConnected) line.textContent = "Fleet since the snapshot: not known (" + (e.detail || e.title || e) + ")";
  }
}

async function campaignControl(id, action, wave) {
  const what = wave
    ? { label: "Roll back wave " + wave, text: "Every member of wave " + wave + " that still keeps its blue goes back to it; the campaign pauses." }
    : CAMPAIGN_ACTIONS[action];
  const reason = await askReason(what.label + " (campaign " + id + ")?", what.text, what.label);
  if (!reason) return;
  clearProblem(false);
  try {
    const body = wave ? { reason, wave } : { reason };
    await api("/campaigns/" + encodeURIComponent(id) + "/" + action, { method: "POST", body });
  } catch (error) {
    showProblem(error, false);
  }
  route();
}

async function memberControl(id, member, action) {
  const text = action === "skip"
    ? "Leave " + member + " out of the campaign; it is not upgraded."
    : "Upgrade " + member + " again with the same pinned plan, once the cause of its failure is fixed.";
  const reason = await askReason((action === "skip" ? "Skip " : "Retry ") + member + "?", text, action === "skip" ? "Skip" : "Retry");
  if (!reason) return;
  clearProblem(false);
  try {
    await api("/campaigns/" + encodeURIComponent(id) + "/members/" + encodeURIComponent(member) + "/" + action, { method: "POST", body: { reason } });
  } catch (error) {
    showProblem(error, false);
  }
  route();
}

// -------------------------------------------------------------------------------- routes

function route() {
  const hash = location.hash || "#/fleet";
  const root = $("view");
  const m = hash.match(/^#\/upgrades\/([^/?]+)/);
  const c = hash.match(/^#\/campaigns\/([^/?]+)/);
  document.querySelectorAll("header nav a").forEach((a) => a.classList.remove("active"));
  if (c) {
    $("nav-campaigns").classList.add("active");
    renderCampaign(root, decodeURIComponent(c[1]));
  } else if (hash.startsWith("#/campaigns")) {
    $("nav-campaigns").classList.add("active");
    renderCampaigns(root);
  } else if (m) {
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
// Back from the issuer with a code (or an error): finish the sign-in, then show the page.
finishSignIn()
  .catch((e) => showProblem(e, false))
  .finally(() => {
    renderSignIn();
    route();
  });
