// The directory's budget box (theme/templates/_directory_facets.html, [data-finder-budget]): an
// amount and a currency, read and written as the URL's `budget=CAD400`, with its error beside it.

import { el } from "./dom.js";
import { readBudgetText, splitBudgetText } from "./finder-budget.js";

export class BudgetBox {
  /** The box in `root`, or a box that is never on (a page without one: /search/). */
  constructor(root) {
    this.fieldset = root.querySelector("[data-finder-budget]");
    if (!this.fieldset) return;
    this.amount = this.fieldset.querySelector("input[name=budget]");
    this.currency = this.fieldset.querySelector("select[name=budget_currency]");
    this.error = this.fieldset.querySelector("[data-finder-budget-error]");
    // A currency from a link that no photographer here charges in is shown as given, with its
    // error, rather than silently swapped for another; it goes once another is chosen.
    this.currency.addEventListener("change", () => {
      for (const option of this.currency.querySelectorAll("option[data-unknown]")) if (!option.selected) option.remove();
    });
  }

  /** The currencies offered, most photographers first (none without a box). */
  get currencies() {
    return this.fieldset ? [...this.currency.options].filter((o) => o.dataset.unknown === undefined).map((o) => o.value) : [];
  }

  /** A currency's money prefix, as the build writes it ("CA$", "CHF "). */
  prefix(code) {
    const option = this.fieldset && [...this.currency.options].find((o) => o.value === code);
    return option ? option.dataset.prefix : `${code} `;
  }

  /** `{text, budget, error}` of what the box holds now. */
  read() {
    if (!this.fieldset || !this.amount.value.trim()) return { text: "", budget: null, error: null };
    return readBudgetText(`${this.currency.value}${this.amount.value.trim()}`, this.currencies);
  }

  /** Show a state's budget, as written, and its error. */
  write(state) {
    if (!this.fieldset) return;
    const { amount, currency } = splitBudgetText(state.budgetText);
    if (this.amount.value.trim() !== amount) this.amount.value = amount;
    if (currency && !this.currencies.includes(currency) && !this.currency.querySelector(`option[value="${currency}"]`)) {
      this.currency.append(el("option", { value: currency, "data-unknown": true }, currency));
    }
    if (currency) this.currency.value = currency;
    this.showError(state.budgetError);
  }

  showError(message) {
    if (!this.fieldset) return;
    this.error.textContent = message || "";
    this.error.hidden = !message;
    if (message) this.amount.setAttribute("aria-invalid", "true");
    else this.amount.removeAttribute("aria-invalid");
  }

  clear() {
    if (!this.fieldset) return;
    this.amount.value = "";
    this.showError(null);
  }
}
