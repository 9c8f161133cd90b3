// Offsets: the server counts Unicode code points, JavaScript strings count UTF-16 units.
// A character outside the Basic Multilingual Plane (an emoji) is one code point but two
// UTF-16 units, so every offset crossing the wire is converted here.

/** Converters between code point offsets and UTF-16 offsets of one text. */
export function converter(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) {
    return { toU16: (cp) => cp, toCp: (u) => u };
  }
  const n = text.length;
  const u16ToCp = new Int32Array(n + 1);
  const starts = [];
  let cp = 0;
  for (let i = 0; i < n; i++) {
    u16ToCp[i] = cp;
    const unit = text.charCodeAt(i);
    starts.push(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < n) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        u16ToCp[i + 1] = cp; // inside the pair: round down to the character's start
        i++;
      }
    }
    cp++;
  }
  u16ToCp[n] = cp;
  starts.push(n);
  const cpToU16 = Int32Array.from(starts);
  const clamp = (value, max) => Math.max(0, Math.min(value, max));
  return {
    toU16: (c) => cpToU16[clamp(c, cpToU16.length - 1)],
    toCp: (u) => u16ToCp[clamp(u, n)],
  };
}
