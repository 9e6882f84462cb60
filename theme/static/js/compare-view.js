// /compare/'s comparison, drawn from rows: each row a title and one cell a photographer.
// Wide screens get a table (a column a photographer, its header only their name, so a screen
// reader says just the name with each cell); phones get one card a photographer with the
// same rows, so every total is in view without scrolling sideways.
import { cardPhoto, el, plural, safeUrl } from "./dom.js";

const PHOTO_SIZES = "(min-width: 64rem) 160px, 120px";

function nameLink(column, siteurl) {
  if (column.missing) return el("span", {}, column.slug);
  return el("a", { class: "compare-name", href: safeUrl(`${siteurl}/${column.data.url}`) }, column.data.name);
}

/** Photo (its description read here only), place, sample mark, Book and Remove. */
function aboutCell(column) {
  const cell = el("div", { class: "compare-about" });
  if (column.missing) {
    cell.append(el("p", { class: "compare-missing" }, `No photographer “${column.slug}” in the directory: the profile may have moved or been removed.`));
  } else {
    const data = column.data;
    const photo = cardPhoto(data.image, PHOTO_SIZES);
    if (photo) cell.append(el("div", { class: "compare-photo" }, photo));
    cell.append(el("span", { class: "compare-place" }, data.place));
    if (data.sample) cell.append(el("span", { class: "compare-sample" }, data.sample));
    const book = data.book && (data.book.href.startsWith("mailto:") ? data.book.href : safeUrl(data.book.href));
    if (book) {
      cell.append(el("a", { class: "button compare-book", href: book, "data-book": column.slug },
        "Book", el("span", { class: "visually-hidden" }, ` with ${data.name} (${data.book.how})`)));
    }
  }
  const name = column.missing ? column.slug : column.data.name;
  cell.append(el("button", { type: "button", class: "compare-remove", "data-remove": column.slug }, "Remove",
    el("span", { class: "visually-hidden" }, ` ${name} from the comparison`)));
  return cell;
}

function totalCell(column, index, model) {
  const result = model.results[index];
  if (!result) return null;
  const cell = el("div", { class: "compare-total" }, el("strong", { "data-total": column.slug }, model.usable ? result.text : ""));
  if (!model.usable) {
    cell.append(el("span", { class: "compare-why" }, "No total: a need above is out of range."));
    return cell;
  }
  if (model.lowest.has(index)) cell.append(el("span", { class: "compare-lowest" }, `Lowest ${column.data.currency} total`));
  cell.append(el("span", { class: "compare-why" }, result.why));
  return cell;
}

function budgetCell(column, index, model) {
  if (column.missing) return null;
  const mark = model.usable ? model.marks[index] : "";
  const cell = el("div", {}, el("span", { class: `compare-mark${mark ? ` is-${mark}` : ""}`, "data-budget": column.slug }, mark));
  if (model.usable && column.data.currency !== model.needs.budget.currency) {
    cell.append(el("span", { class: "note" }, `Charges in ${column.data.currency}: not judged against a ${model.needs.budget.currency} budget.`));
  }
  return cell;
}

function sessionsCell(column) {
  if (column.missing) return null;
  const sessions = column.data.sessions;
  if (!sessions.length) return el("span", { class: "unknown" }, column.data.not_listed);
  return el("ul", { class: "compare-sessions" }, ...sessions.map((session) => el("li", {}, session.text)));
}

function factCell(fact) {
  const cell = el("div", {}, fact.listed ? fact.value : el("span", { class: "unknown" }, fact.value));
  if (fact.note) cell.append(el("span", { class: "note" }, ` ${fact.note}`));
  return cell;
}

/** The rows, in order: `{title, cells, className}` or `{group: heading}`. */
function rows(columns, model) {
  const list = [
    { title: "Photographer", cells: columns.map(aboutCell), className: "compare-about-row" },
    {
      title: el("span", {}, "Total for what you need", el("span", { class: "compare-need" }, model.needText)),
      cells: columns.map((column, index) => totalCell(column, index, model)),
      className: "compare-total-row",
    },
  ];
  if (model.needs.budget) {
    list.push({ title: `Within your budget of ${model.budgetText}?`, cells: columns.map((c, i) => budgetCell(c, i, model)), className: "compare-budget-row" });
  }
  const found = columns.filter((column) => !column.missing);
  if (!found.length) return list;
  list.push({ title: "Sessions", cells: columns.map(sessionsCell), fold: true });
  const first = found[0].data;
  for (const [group, heading] of [["facts", "What a session includes"], ["extras", "Add-ons and policies"]]) {
    list.push({ group: heading });
    first[group].forEach((fact, position) => {
      list.push({
        title: fact.title,
        cells: columns.map((column) => {
          if (column.missing) return null;
          return factCell(column.data[group].find((item) => item.key === fact.key) || column.data[group][position]);
        }),
      });
    });
  }
  return list;
}

function table(columns, model) {
  const node = el("table", { class: "compare-table" },
    el("caption", { class: "visually-hidden" }, `${plural(columns.length, "photographer")} side by side`),
    el("thead", {}, el("tr", {}, el("td", { class: "compare-corner" }),
      ...columns.map((column) => el("th", { scope: "col", class: "compare-col" }, nameLink(column, model.siteurl))))));
  let body = el("tbody");
  for (const row of rows(columns, model)) {
    if (row.group) {
      node.append(body);
      body = el("tbody", {}, el("tr", { class: "compare-group" },
        el("th", { scope: "rowgroup", colspan: columns.length + 1 }, el("span", {}, row.group))));
      continue;
    }
    body.append(el("tr", { class: row.className || null }, el("th", { scope: "row" }, row.title),
      ...row.cells.map((cell) => el("td", {}, cell))));
  }
  node.append(body);
  return el("div", { class: "compare-scroll", role: "region", "aria-label": "Photographers side by side", tabindex: "0" }, node);
}

function cards(columns, model) {
  const list = rows(columns, model);
  return el("ol", { class: "compare-cards", role: "list" }, ...columns.map((column, index) => {
    const name = column.missing ? column.slug : column.data.name;
    const card = el("article", { class: "compare-card", "aria-label": name },
      el("h2", { class: "compare-card__name" }, nameLink(column, model.siteurl)));
    // From the sessions on, the rows fold away, so the four totals sit a short scroll apart.
    let part = card;
    let facts = el("dl");
    for (const row of list) {
      if ((row.fold || row.group) && part === card) {
        part.append(facts);
        facts = el("dl");
        part = el("details", { class: "compare-card__more" }, el("summary", {}, "Sessions and every fact",
          el("span", { class: "visually-hidden" }, ` about ${name}`)));
        card.append(part);
      }
      if (row.group) {
        part.append(facts);
        part.append(el("h3", { class: "compare-card__group" }, row.group));
        facts = el("dl");
        continue;
      }
      const cell = row.cells[index];
      if (!cell) continue;
      const title = typeof row.title === "string" ? row.title : row.title.cloneNode(true);
      facts.append(el("div", { class: `compare-card__row ${row.className || ""}`.trim() }, el("dt", {}, title), el("dd", {}, cell)));
    }
    part.append(facts);
    return el("li", {}, card);
  }));
}

/** Draw the comparison into `box`: cards when `phone`, else a table. */
export function draw(box, columns, model, phone) {
  box.replaceChildren(phone ? cards(columns, model) : table(columns, model));
}
