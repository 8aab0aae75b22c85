// Applies the last theme before the first paint, so a dark page never flashes white while the app loads.
// Only the theme's name is kept in localStorage: nothing secret is ever stored in the browser.
(function () {
  var theme = localStorage.getItem('twobrains.theme') || 'system';
  document.documentElement.dataset.theme = theme;
})();
