/** `/login`: password sign-in; the session is stored like supabase-js stores it. */
import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { field, formAlert, showAlert, whileSubmitting } from '../forms.js';
import { navigate } from '../router.js';
import { signIn } from '../session.js';

const WRONG_CREDENTIALS = 'E-mail ou mot de passe incorrect.';
const SIGN_IN_FAILED = 'La connexion a échoué. Réessayez plus tard.';

async function submit(event) {
  event.preventDefault();
  const form = event.currentTarget;
  showAlert(form, '');
  const email = form.elements.email.value;
  const password = form.elements.password.value;
  await whileSubmitting(form, async () => {
    try {
      await signIn(email, password);
    } catch (error) {
      const refused = error instanceof ApiError && (error.status === 400 || error.status === 401);
      showAlert(form, refused ? WRONG_CREDENTIALS : SIGN_IN_FAILED);
      return;
    }
    await navigate('/dashboard');
  });
}

/** Renders the sign-in form. */
export function render({ content }) {
  content.append(
    h(
      'div',
      { class: 'card narrow' },
      h('h1', {}, 'Connexion'),
      h('p', { class: 'hint' }, 'Connectez-vous avec le compte de votre auto-école.'),
      h(
        'form',
        { class: 'form', novalidate: true, onsubmit: submit },
        field({ label: 'Adresse e-mail', name: 'email', type: 'email', autocomplete: 'username', required: true }),
        field({
          label: 'Mot de passe',
          name: 'password',
          type: 'password',
          autocomplete: 'current-password',
          required: true,
        }),
        formAlert(),
        h('button', { type: 'submit', class: 'button button-primary' }, 'Se connecter'),
      ),
    ),
  );
}
