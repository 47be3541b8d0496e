// The result view, built with DOM APIs only: every piece of data goes through textContent
// or setAttribute, never through HTML parsing.
import { view } from "./quiz-view.js";

const SVG = "http://www.w3.org/2000/svg";
let moreSteps = 0; // ids of the "more steps" boxes, unique in the page

/** Create an element with a class and optional text. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/** Fill `placeholders` such as {score} in a translated string. */
export function fill(template, values = {}) {
  return String(template).replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

function section(title) {
  const box = el("section", "rf-quiz__section");
  box.append(el("h3", null, title));
  return box;
}

function level(score) {
  if (score < 34) return "low";
  if (score < 67) return "mid";
  return "high";
}

/**
 * An SVG bar chart: one labelled row per dimension, bar length = risk 0-100.
 * No viewBox: lengths are percentages of the column, so text keeps its size on a phone.
 */
export function dimensionChart(dimensions, t) {
  const rowHeight = 42;
  const track = 88; // percent of the width; the number sits in the rest
  const chart = svg("svg", {
    class: "rf-quiz__chart",
    width: "100%",
    height: Math.max(rowHeight * dimensions.length, 1),
    role: "img",
  });
  const labels = dimensions.map((d) => fill(t.dimension_bar, { name: d.label, score: d.score }));
  chart.setAttribute("aria-label", `${t.dimensions_title}: ${labels.join("; ")}`);
  dimensions.forEach((dimension, index) => {
    const y = index * rowHeight;
    const score = Math.max(0, Math.min(100, dimension.score));
    const row = svg("g", { "data-dimension": dimension.id });
    const title = svg("title", {});
    title.textContent = labels[index];
    const name = svg("text", { x: 0, y: y + 15 });
    name.textContent = dimension.label;
    const value = svg("text", { x: "100%", y: y + 33, "text-anchor": "end" });
    value.textContent = String(dimension.score);
    const back = svg("rect", { class: "rf-quiz__track", x: 0, y: y + 21, width: `${track}%`, height: 14, rx: 3 });
    const bar = svg("rect", {
      class: "rf-quiz__bar",
      "data-level": level(score),
      x: 0,
      y: y + 21,
      width: `${(score * track) / 100}%`,
      height: 14,
      rx: 3,
    });
    row.append(title, name, back, bar, value);
    chart.append(row);
  });
  return chart;
}

function list(tag, items, render) {
  const node = el(tag);
  for (const item of items) {
    const li = el("li");
    render(li, item);
    node.append(li);
  }
  return node;
}

/**
 * The whole result view for the engine's result object.
 * options: {t (strings), topics ({topic: url}), printTopics ({topic: public URL}, printed after the link), shareUrl, shared}
 */
export function renderResult(result, { t, topics, printTopics = {}, shareUrl, shared }) {
  const data = view(result);
  const parts = [];
  const heading = el("h2", "rf-quiz__result-title", t.result_title);
  heading.tabIndex = -1;
  parts.push(heading);
  if (shared) parts.push(el("p", "rf-quiz__muted", t.shared_notice));

  const verdict = el("div", "rf-quiz__verdict");
  verdict.dataset.band = data.band.id;
  verdict.append(el("p", "rf-quiz__band", data.band.label));
  if (data.band.verdict) verdict.append(el("p", "rf-quiz__band-verdict", data.band.verdict));
  if (data.summary) verdict.append(el("p", "rf-quiz__summary", data.summary));
  // "Not enough answers" is no verdict, so it shows no score either (issue 11).
  if (data.band.id !== "not-enough-answers") verdict.append(el("p", "rf-quiz__score", fill(t.score, { score: data.score })));
  if (data.confidence !== null) verdict.append(el("p", "rf-quiz__muted", fill(t.confidence, { percent: data.confidence })));
  parts.push(verdict);

  if (data.dealbreakers.length) {
    const box = section(t.dealbreakers_title);
    box.classList.add("rf-quiz__dealbreakers");
    box.append(list("ul", data.dealbreakers, (li, text) => li.append(text)));
    parts.push(box);
  }

  const chart = section(t.dimensions_title);
  chart.append(dimensionChart(data.dimensions, t));
  parts.push(chart);

  const types = section(t.types_title);
  types.classList.add("rf-quiz__types");
  if (data.types.length) {
    types.append(
      list("ul", data.types, (li, type) => {
        li.append(el("strong", null, type.label), ` (${fill(t.match, { percent: type.percent })})`);
        if (type.description) li.append(el("br"), type.description);
      }),
    );
  } else {
    types.append(el("p", null, t.no_types));
  }
  parts.push(types);

  if (data.reasons.length) {
    const box = section(t.reasons_title);
    box.classList.add("rf-quiz__reasons");
    box.append(list("ol", data.reasons, (li, text) => li.append(text)));
    parts.push(box);
  }

  const plan = section(t.plan_title);
  plan.classList.add("rf-quiz__plan");
  const renderStep = (li, step) => {
    li.append(step.text);
    const href = step.topic ? topics[step.topic] : undefined;
    if (href) {
      const link = el("a", null, t.read_more);
      link.href = href;
      link.dataset.topic = step.topic;
      if (printTopics[step.topic]) link.dataset.rfHref = printTopics[step.topic];
      li.append(" ", link);
    }
  };
  // The most urgent steps first (the engine says how many); the rest behind "more steps" on
  // screen, and after a separator line on paper (quiz.css shows them in print).
  const first = data.steps.slice(0, data.mainSteps);
  const rest = data.steps.slice(data.mainSteps);
  plan.append(list("ol", first, renderStep));
  if (rest.length) {
    const id = `rf-quiz-more-steps-${++moreSteps}`;
    const toggle = el("button", "rf-quiz__button rf-quiz__more-toggle", fill(t.more_steps, { count: rest.length }));
    toggle.type = "button";
    toggle.dataset.action = "more-steps";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", id);
    const more = el("div", "rf-quiz__more-steps");
    more.id = id;
    more.hidden = true;
    const ol = list("ol", rest, renderStep);
    ol.start = first.length + 1;
    more.append(el("p", "rf-quiz__more-title", t.more_steps_title), ol);
    plan.append(toggle, more);
  }
  parts.push(plan);

  const share = section(t.share_title);
  share.classList.add("rf-quiz__share-box");
  share.append(el("p", "rf-quiz__muted", t.share_help));
  const row = el("div", "rf-quiz__share");
  const input = el("input");
  input.type = "url";
  input.readOnly = true;
  input.value = shareUrl;
  input.setAttribute("aria-label", t.share_title);
  input.className = "rf-quiz__share-url";
  const copy = el("button", "rf-quiz__button", t.copy_link);
  copy.type = "button";
  copy.dataset.action = "copy";
  const copied = el("span", "rf-quiz__muted");
  copied.setAttribute("role", "status");
  row.append(input, copy, copied);
  share.append(row);
  parts.push(share);

  const actions = el("div", "rf-quiz__actions");
  for (const [action, label, primary] of [
    ["print", t.print, true],
    ["edit", t.edit, false],
    ["restart", t.start_over, false],
  ]) {
    const button = el("button", `rf-quiz__button${primary ? " rf-quiz__button--primary" : ""}`, label);
    button.type = "button";
    button.dataset.action = action;
    actions.append(button);
  }
  parts.push(actions);
  return parts;
}

/** Show or hide the steps behind a "more steps" button; the label says what a click will do. */
export function toggleMoreSteps(button, t) {
  const box = document.getElementById(button.getAttribute("aria-controls"));
  if (!box) return;
  const open = button.getAttribute("aria-expanded") !== "true";
  box.hidden = !open;
  button.setAttribute("aria-expanded", String(open));
  button.textContent = open ? t.fewer_steps : fill(t.more_steps, { count: box.querySelectorAll("li").length });
}

/** The engine's (or the link's) problems as an alert with a list of localized messages. */
export function renderProblems(title, messages) {
  const box = el("div", "rf-quiz__alert");
  box.setAttribute("role", "alert");
  box.append(el("p", null, title));
  if (messages.length) box.append(list("ul", messages, (li, text) => li.append(text)));
  return box;
}
