// Where a tile sits in a scan grid: the tiles a viewer can see, a random place among them,
// and the words for that place ("row 2, 4th from the left").

const ORDINAL = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th"];

/** The tiles a viewer can see (the CSS hides the tiles past one screenful on small screens). */
export function visibleTiles(grid) {
  return [...grid.children].filter((tile) => window.getComputedStyle(tile).display !== "none");
}

export function columnCount(grid) {
  return window.getComputedStyle(grid).gridTemplateColumns.split(" ").filter(Boolean).length || 1;
}

export function randomInt(n) {
  return Math.floor(Math.random() * n);
}

/** "row 2, 4th from the left" for the tile at `index` of a grid with `columns` columns. */
export function placeInGrid(index, columns) {
  const row = Math.floor(index / columns) + 1;
  const column = index % columns;
  return `row ${row}, ${ORDINAL[column] || `${column + 1}th`} from the left`;
}
