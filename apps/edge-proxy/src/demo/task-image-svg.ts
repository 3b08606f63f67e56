/** FNV-1a: a few stable bits from a task id, so each task gets its own colours. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return value;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The "generated image" of a simulated task: a 1200×800 landscape in colours drawn from the task
 * id, labelled with it. SVG, so it costs a few hundred bytes and renders anywhere offline.
 */
export function taskImageSvg(taskId: string): string {
  const bits = hash(taskId);
  const hue = bits % 360;
  const sky = `hsl(${hue}, 66%, 66%)`;
  const dusk = `hsl(${(hue + 40) % 360}, 62%, 38%)`;
  const far = `hsl(${(hue + 28) % 360}, 40%, 27%)`;
  const near = `hsl(${(hue + 44) % 360}, 45%, 13%)`;
  const sunX = 260 + ((bits >>> 9) % 680);
  const sunY = 220 + ((bits >>> 19) % 140);
  const id = escapeXml(taskId);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800" role="img"
  aria-label="Simulated image for task ${id}">
<defs>
<linearGradient id="sky" x1="0" y1="0" x2="0.35" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1"
  stop-color="${dusk}"/></linearGradient>
<radialGradient id="sun"><stop offset="0" stop-color="#fff8e6"/><stop offset="0.35" stop-color="#fff3c4"
  stop-opacity="0.85"/><stop offset="1" stop-color="#fff3c4" stop-opacity="0"/></radialGradient>
<linearGradient id="shade" x1="0" y1="0" x2="0" y2="1"><stop offset="0.55" stop-color="#000"
  stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.45"/></linearGradient>
</defs>
<rect width="1200" height="800" fill="url(#sky)"/>
<circle cx="${sunX}" cy="${sunY}" r="230" fill="url(#sun)"/>
<path d="M0 540 C 180 450 340 470 520 520 S 860 430 1200 500 V800 H0 Z" fill="${far}" opacity="0.75"/>
<path d="M0 640 C 220 560 420 690 700 610 S 1040 560 1200 620 V800 H0 Z" fill="${near}"/>
<rect width="1200" height="800" fill="url(#shade)"/>
<text x="60" y="708" fill="#fff" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="46"
  font-weight="700">simulated image</text>
<text x="60" y="756" fill="#fff" fill-opacity="0.85" font-family="ui-monospace, 'DejaVu Sans Mono', monospace"
  font-size="26">${id}</text>
</svg>`;
}
