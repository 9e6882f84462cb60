// /photographers/ as a faceted browser: the directory's filters, counts, sort and cards on
// Pagefind filters with an empty query (so browsing needs no server). The engine is shared
// with /search/ (search.js); this page runs it in "directory" mode: photographers only,
// sorted by name unless the URL says ?sort=price. Until Pagefind has answered, and without
// JavaScript at all, the page is the theme's plain, paginated list of everyone.
import { startFinder } from "./search.js";

const root = document.querySelector('[data-finder="directory"]');
if (root) startFinder(root);
