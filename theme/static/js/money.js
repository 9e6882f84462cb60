// Money as the site writes it (headshots.text.money): "$350", "CHF 1,200", "$99.50". The
// prefix comes from the build (`money_prefix` in each profile's JSON file), so the page
// scripts and the pages agree on "CA$" or "CHF ". Pure: no DOM, unit-tested with node --test.

/** money(1200, "CHF ") -> "CHF 1,200"; money(99.5, "$") -> "$99.50". */
export function money(amount, prefix) {
  const cents = Math.round(Number(amount) * 100);
  const digits = cents % 100 === 0 ? 0 : 2;
  const number = (cents / 100).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${prefix}${number}`;
}
