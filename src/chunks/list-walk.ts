// Entry of dist/list-walk.js: the whole-list walk (parallel parts, pivots), loaded the first time a list is
// exported or traced; the explorer only pages.
export { walkList } from '../mailgun/list-walk';
