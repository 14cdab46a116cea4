// The secret of the URL `orgsim serve` printed (?token=..., docs/api.md "Security"),
// for the what-if page and the editor: kept for this tab (a reload still works), taken
// out of the address bar, and sent with every API call. Empty if the server runs with
// --no-token (and in the exported file, which has no server).

export function takeToken() {
  const url = new URL(window.location.href);
  let token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  try {
    if (token !== null) sessionStorage.setItem('orgsim-token', token);
    else token = sessionStorage.getItem('orgsim-token');
  } catch (e) { /* no storage: the token lives as long as the page */ }
  return token || '';
}
