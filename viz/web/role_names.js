// Roles picked by name, as a room says them ("Payment processing"), mapped to the ids
// the API takes. The one place the page resolves a typed role: exact name or id (any
// case), or "Name (id)" when two roles share a name; otherwise a "did you mean".

function editDistance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

export class RoleNames {
  /** `roles`: the model's roles ({id, name}). */
  constructor(roles) {
    this.roles = roles;
    const count = new Map();
    for (const r of roles) {
      const n = (r.name || r.id).toLowerCase();
      count.set(n, (count.get(n) || 0) + 1);
    }
    // The text a suggestion list offers for each role: its name, or "Name (id)" if shared.
    this.label = new Map(roles.map((r) => {
      const name = r.name || r.id;
      return [r.id, count.get(name.toLowerCase()) > 1 ? `${name} (${r.id})` : name];
    }));
    this.byText = new Map();
    for (const r of roles) {
      this.byText.set(this.label.get(r.id).toLowerCase(), r.id);
      if (count.get((r.name || r.id).toLowerCase()) === 1) this.byText.set((r.name || r.id).toLowerCase(), r.id);
    }
    for (const r of roles) this.byText.set(r.id.toLowerCase(), r.id);  // ids last: they win
  }

  /** The suggestion list's entries, in model order. */
  labels() { return this.roles.map((r) => this.label.get(r.id)); }

  /** {id} for a known role, else {error} with a "did you mean" when one is close. */
  resolve(text) {
    const typed = text.trim();
    if (typed === '') return { error: 'type a role name' };
    const id = this.byText.get(typed.toLowerCase());
    if (id !== undefined) return { id };
    const t = typed.toLowerCase();
    let best = null;
    let bestDistance = Infinity;
    for (const r of this.roles) {
      for (const candidate of [this.label.get(r.id), r.id]) {
        const c = candidate.toLowerCase();
        // A typed part of a longer name counts as close ("payment" -> "Payment processing").
        const d = c.includes(t) && t.length >= 3 ? 1 : editDistance(t, c);
        if (d < bestDistance) { bestDistance = d; best = this.label.get(r.id); }
      }
    }
    const close = best !== null && bestDistance <= Math.max(2, Math.floor(t.length / 3));
    return { error: `unknown role '${typed}'` + (close ? `; did you mean '${best}'?` : '') };
  }
}
