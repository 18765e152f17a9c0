/**
 * A chart's SVG as a standalone file: computed styles inlined (so it looks the same outside
 * the page's CSS), explicit size, a white background; and as a PNG drawn from that SVG on a
 * canvas at 2× (Image → canvas → toBlob).
 */

/** The presentation properties our charts use; each is copied from the computed style. */
const STYLE_PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap',
  'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
  'dominant-baseline', 'shape-rendering', 'visibility', 'display', 'paint-order',
] as const;

/** Properties not inherited, with their initial values (left out when initial). */
const NON_INHERITED_DEFAULT: Record<string, string> = { opacity: '1', display: 'inline' };
const INHERITED = new Set<string>(STYLE_PROPS.filter((p) => !(p in NON_INHERITED_DEFAULT)));

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The chart's drawing size: from its viewBox, else its rendered box. */
export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const vb = svg.viewBox?.baseVal;
  if (vb && vb.width > 0 && vb.height > 0) return { width: vb.width, height: vb.height };
  const r = svg.getBoundingClientRect();
  return { width: Math.max(1, Math.round(r.width)), height: Math.max(1, Math.round(r.height)) };
}

/** A detached copy of `svg` with inline styles, size, namespace and a white background. */
export function standaloneSvg(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  const computed = src.map((el) => getComputedStyle(el));
  src.forEach((el, i) => {
    const out = dst[i] as SVGElement;
    const cs = computed[i];
    const parent = i === 0 ? null : computed[src.indexOf(el.parentElement as Element)];
    const style = STYLE_PROPS.map((p) => {
      const v = cs.getPropertyValue(p);
      if (!v) return '';
      // Inherited properties equal to the parent's are left to inheritance (a smaller file).
      if (INHERITED.has(p) && parent && parent.getPropertyValue(p) === v) return '';
      if (!INHERITED.has(p) && v === NON_INHERITED_DEFAULT[p]) return '';
      return `${p}:${v}`;
    })
      .filter(Boolean)
      .join(';');
    if (style) out.setAttribute('style', style);
    else out.removeAttribute('style');
    out.removeAttribute('class');
  });
  const { width, height } = svgSize(svg);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('x', '0');
  bg.setAttribute('y', '0');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('fill', '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  return clone;
}

/** The standalone SVG as XML text (with an XML declaration). */
export function serializeSvg(svg: SVGSVGElement): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(standaloneSvg(svg));
}

export function svgBlob(svg: SVGSVGElement): Blob {
  return new Blob([serializeSvg(svg)], { type: 'image/svg+xml;charset=utf-8' });
}

/** The chart as a PNG at `scale` × its drawing size, on white. */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const url = URL.createObjectURL(svgBlob(svg));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('PNG export: no 2D canvas context');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export: the canvas gave no image'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
