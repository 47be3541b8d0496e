// The engine's result object (quiz.json_api.score_json -> "result", schema_version 1, documented
// in quiz/README.md) reduced to what the view shows. Every text is already localized by the engine.

const text = (value) => (value === undefined || value === null ? "" : String(value));
const whole = (value) => (Number.isFinite(Number(value)) ? Math.round(Number(value)) : 0);

export function view(result) {
  const band = result.band ?? {};
  return {
    band: { id: text(band.id), label: text(band.label), verdict: text(band.verdict) },
    summary: text(result.summary),
    score: whole(result.score),
    confidence: result.confidence === undefined ? null : whole(result.confidence),
    dimensions: (result.dimensions ?? []).map((d) => ({ id: text(d.id), label: text(d.label), score: whole(d.score) })),
    types: (result.client_types ?? []).map((type) => ({
      label: text(type.label),
      percent: whole(type.strength),
      description: text(type.description),
    })),
    dealbreakers: (result.dealbreakers ?? []).map((d) => text(d.text)),
    reasons: (result.reasons ?? []).map((r) => text(r.text)),
    steps: (result.action_plan ?? []).map((s) => ({ text: text(s.text), topic: text(s.topic) })),
    // How many steps to show before "more steps"; a result without it shows them all.
    mainSteps: result.main_steps === undefined ? (result.action_plan ?? []).length : whole(result.main_steps),
  };
}
