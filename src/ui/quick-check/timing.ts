// Timings the e2e test and the benchmark read from the page: milliseconds since the
// page's navigation started (performance.now()), written once, as data attributes.

/** `data-ready-ms`: the form can be used. `data-verdict-ms`: the first verdict is on screen. */
export function markOnce(key: 'readyMs' | 'verdictMs'): void {
  const data = document.body.dataset;
  if (data[key] === undefined) data[key] = String(Math.round(performance.now()));
}

/** `data-eval-ms`: the round trip of the latest evaluation. */
export function markEval(ms: number): void {
  document.body.dataset.evalMs = String(Math.round(ms));
}
