// What-ifs side by side: the figures of one run as a row of the comparison table, and
// the table as CSV. Pure functions of runs (docs/schema/run.schema.json), so the table,
// its CSV and the tests read the same numbers.

/** At most this many what-ifs are kept in a session (the "up to six"). */
export const MAX_KEPT = 6;

/** Line styles of the kept what-ifs on the CX chart: a colour and a dash each, so that
    the lines differ without colour too. The current what-if is the solid red line. */
export const KEPT_STYLES = [
  { stroke: '#2c3e50', dash: [10, 6] },
  { stroke: '#1a7f37', dash: [3, 5] },
  { stroke: '#7b3294', dash: [14, 4, 3, 4] },
  { stroke: '#b35c00', dash: [6, 3] },
  { stroke: '#00708a', dash: [18, 6] },
  { stroke: '#555555', dash: [2, 3] },
];
export const CURRENT_STYLE = { stroke: '#c0392b', dash: [] };

/** The table's figures of one run. `roleName(id)` names a role. */
export function runFigures(run, roleName) {
  const s = run.cx;
  const paths = run.impact_paths ? run.impact_paths.paths : [];
  const top = paths.length > 0 ? paths[0] : null;
  return {
    static: run.scenario.mode === 'static',
    worst: s.min,
    worstStep: s.min_step,
    final: s.final,
    degraded: s.degraded,
    recoveryStep: s.recovery_step,
    linearDrop: run.impact_paths ? run.impact_paths.total_cx_points : 0,
    topPath: top ? top.roles.map(roleName).join(' → ') : '',
    topPathPoints: top ? top.cx_points : null,
  };
}

/** The recovery cell in words ("day 30", "not recovered", "never left the band"). */
export function recoveryText(f, words) {
  if (f.static) return 'fixed point';
  if (!f.degraded) return 'never left the band';
  return f.recoveryStep === null ? 'not recovered' : words.step(f.recoveryStep);
}

// RFC 4180 quoting, and a leading ' for text a spreadsheet would run as a formula
// (a what-if named "=cmd|..." is data, not a formula).
function csvCell(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The header row of the CSV: the same in every download, whatever the unit. */
export const CSV_HEADER = ['what_if', 'mode', 'worst_cx', 'worst_step', 'final_cx', 'recovery_step',
  'linear_drop_cx_points', 'top_path', 'top_path_cx_points', 'time_unit'];

/** The comparison table as CSV text: `rows` are {name, figures}; numbers unrounded. */
export function comparisonCsv(rows, unit) {
  const lines = [CSV_HEADER.join(',')];
  for (const { name, figures: f } of rows) {
    lines.push([name, f.static ? 'static' : 'dynamic', f.worst, f.static ? null : f.worstStep,
      f.final, f.static || !f.degraded ? null : f.recoveryStep, f.linearDrop, f.topPath,
      f.topPathPoints, unit].map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
