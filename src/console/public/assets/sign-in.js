// The start-up URL carries the token in the fragment (never sent to the server or logged):
// fill the field from it, forget it, and sign in.
const form = document.getElementById('sign-in');
const input = document.getElementById('token');
if (new URLSearchParams(location.search).has('error')) document.getElementById('error').hidden = false;
const fromUrl = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromUrl) {
  history.replaceState(null, '', location.pathname);
  input.value = fromUrl;
  form.requestSubmit();
} else {
  input.focus();
  // Which ways in this server offers: the organisation's sign-in (OIDC) and/or the admin token.
  fetch('/admin/sign-in/options').then((r) => r.json()).then((o) => {
    if (o.oidc) {
      document.getElementById('oidc').hidden = false;
      document.querySelector('#oidc a').focus();
    }
    if (!o.local) form.hidden = true;
  }, () => {});
}
