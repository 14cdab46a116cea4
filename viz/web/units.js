// The model's unit of time on the page, written the one way the CLI and the report write
// it (model/time_unit.hpp, docs/model.md "Time unit"): "day 12", "days 0-14",
// "days 3 to the end". A model without `time_unit` counts in steps.

/** The English plural of a singular unit: day -> days, batch -> batches, study -> studies. */
export function pluralUnit(unit) {
  if (/[^aeiou]y$/i.test(unit)) return unit.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/i.test(unit)) return unit + 'es';
  return unit + 's';
}

/** Words for one model's unit: the page builds one at load. */
export function timeWords(unit) {
  const one = unit || 'step';
  const many = pluralUnit(one);
  return {
    one,
    many,
    /** "day 12" */
    step: (k) => `${one} ${k}`,
    /** "1 day", "30 days" */
    count: (n) => `${n} ${n === 1 ? one : many}`,
    /** Steps [from, to) inclusive in words: "days 0-14", "day 3", "days 3 to the end". */
    range: (from, to) => {
      if (to === null || to === undefined) return `${many} ${from} to the end`;
      if (to - from <= 1) return `${one} ${from}`;
      return `${many} ${from}-${to - 1}`;
    },
  };
}
