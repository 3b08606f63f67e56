/** The demo page's stylesheet, inlined in the page (light and dark, phone and desktop widths). */
export const DEMO_STYLES = `
:root {
  --bg: #f4f5fb; --card: #fff; --text: #1b1d2a; --muted: #5d6275; --line: #dfe2ee;
  --accent: #4f46e5; --accent-text: #fff; --accent-soft: #eceafd; --focus: #818cf8;
  --track: #e6e8f2; --fill: linear-gradient(90deg, #6366f1, #a855f7);
  --ok: #047857; --bad: #b42318; --bad-soft: #fef1f0; --bad-line: #f5c2bd;
  --note: #fff7e0; --note-line: #f0d68a; --note-text: #5c4400;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #11131c; --card: #1a1d29; --text: #e8eaf3; --muted: #a2a7bb; --line: #2c3042;
    --accent: #818cf8; --accent-text: #0f1020; --accent-soft: #262a44; --focus: #a5b4fc;
    --track: #2a2e40; --ok: #34d399; --bad: #fca5a5; --bad-soft: #2c1719; --bad-line: #5c2a2c;
    --note: #2b2410; --note-line: #5a4a17; --note-text: #f3dc9a;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif;
}
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
a { color: var(--accent); }
.banner { background: var(--note); color: var(--note-text); border-bottom: 1px solid var(--note-line);
  font-size: 0.94rem; }
.banner p { max-width: 760px; margin: 0 auto; padding: 10px 20px; }
main { max-width: 760px; margin: 0 auto; padding: 32px 20px 48px; }
.intro h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 10px; letter-spacing: -0.01em; }
.intro p { color: var(--muted); margin: 0 0 24px; }
.intro .eyebrow {
  margin: 0 0 6px; color: var(--accent); font-weight: 650; font-size: 0.8rem;
  letter-spacing: 0.08em; text-transform: uppercase;
}
.card {
  background: var(--card); border: 1px solid var(--line); border-radius: 14px;
  padding: 22px 24px; margin: 0 0 20px; box-shadow: 0 1px 2px rgb(20 24 60 / 0.05), 0 6px 20px rgb(20 24 60 / 0.05);
}
label { display: block; font-weight: 600; margin-bottom: 6px; }
.field-row { display: flex; gap: 10px; }
input {
  flex: 1; min-width: 0; font: inherit; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.95rem;
  padding: 10px 12px; border: 1px solid var(--line); border-radius: 9px; background: var(--bg); color: var(--text);
}
input[aria-invalid="true"] { border-color: var(--bad); }
button {
  font: inherit; font-weight: 600; padding: 10px 18px; border-radius: 9px; cursor: pointer;
  border: 1px solid var(--accent); background: var(--accent); color: var(--accent-text);
}
button.secondary, .buttons button { background: var(--accent-soft); color: var(--text); border-color: var(--line); }
.buttons button:hover { border-color: var(--accent); }
button:disabled { opacity: 0.6; cursor: progress; }
input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.hint { color: var(--muted); font-size: 0.88rem; margin: 6px 0 0; }
.field-error { color: var(--bad); font-size: 0.92rem; margin: 6px 0 0; font-weight: 500; }
.create { border-top: 1px solid var(--line); margin-top: 18px; padding-top: 16px; }
.create-label { margin: 0 0 10px; color: var(--muted); }
.buttons { display: flex; flex-wrap: wrap; gap: 10px; }
.task-head { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; margin-bottom: 14px; }
.task-head h2 { margin: 0; font-size: 1.15rem; }
.task-label { color: var(--muted); overflow-wrap: anywhere; }
.progress-row { display: flex; align-items: center; gap: 12px; }
.progress { flex: 1; height: 14px; border-radius: 999px; background: var(--track); overflow: hidden; }
.progress-fill { height: 100%; width: 0; border-radius: inherit; background: var(--fill);
  transition: width 0.8s ease-out; }
.progress:not([aria-valuenow]) .progress-fill {
  width: 35%; animation: sweep 1.4s ease-in-out infinite alternate;
}
.progress[data-state="finished"] .progress-fill { background: linear-gradient(90deg, #10b981, #059669); }
.progress[data-state="failed"] .progress-fill { width: 100% !important; background: var(--bad); opacity: 0.75; }
@keyframes sweep { from { transform: translateX(-20%); } to { transform: translateX(205%); } }
.percent:empty { display: none; }
.percent { min-width: 3.4em; text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
.status { margin: 12px 0 0; color: var(--muted); }
.status[data-state="finished"] { color: var(--ok); font-weight: 600; }
.status[data-state="failed"], .status[data-state="stopped"] { color: var(--bad); font-weight: 600; }
.failure {
  margin-top: 14px; padding: 12px 14px; border-radius: 10px;
  background: var(--bad-soft); border: 1px solid var(--bad-line); color: var(--bad);
}
.failure strong { display: block; }
.result:empty { display: none; }
.result { margin-top: 16px; display: grid; gap: 14px; }
.result figure { margin: 0; }
.result img, .result video {
  display: block; width: 100%; height: auto; border-radius: 10px; background: var(--track);
}
.result figcaption { margin-top: 6px; font-size: 0.88rem; color: var(--muted); overflow-wrap: anywhere; }
footer { color: var(--muted); font-size: 0.88rem; text-align: center; }
@media (max-width: 560px) {
  main { padding: 22px 14px 36px; }
  .banner p { padding: 10px 14px; }
  .intro h1 { font-size: 1.55rem; }
  .card { padding: 18px 16px; }
  .field-row { flex-direction: column; }
  .buttons button { flex: 1 1 100%; }
}
@media (prefers-reduced-motion: reduce) {
  .progress-fill { transition: none; }
  .progress:not([aria-valuenow]) .progress-fill { animation: none; width: 100%; opacity: 0.35; }
}
`;
