## Page de connexion.

signin-title = Connexion
signin-heading = Connexion à { $name }
signin-intro = Utilisez l’adresse e-mail et le mot de passe de votre compte client.
signin-email-label = Adresse e-mail
signin-password-label = Mot de passe
signin-submit = Se connecter

## Échecs de connexion, affichés dans une alerte au-dessus du formulaire.

signin-error-invalid-credentials = Adresse e-mail ou mot de passe incorrect
signin-error-access-denied = Accès refusé. Ce portail est réservé aux comptes clients ; le personnel du MSP se connecte à l’application MSP.
signin-error-missing-fields = Saisissez votre adresse e-mail et votre mot de passe.
signin-error-csrf-failed = Votre formulaire de connexion a expiré. Veuillez réessayer.
signin-error-unavailable = La connexion est momentanément indisponible. Veuillez réessayer dans un instant.
signin-error-throttled = { $minutes ->
    [one] Trop de tentatives de connexion infructueuses, réessayez dans { $minutes } minute
   *[other] Trop de tentatives de connexion infructueuses, réessayez dans { $minutes } minutes
}
signin-error-sso-only = Votre organisation se connecte via son fournisseur d’identité : utilisez le bouton ci-dessus.

## Avis de connexion, affichés comme message d’état au-dessus du formulaire.

signin-notice-signed-out = Vous avez bien été déconnecté.
signin-notice-session-expired = Votre session a expiré. Veuillez vous reconnecter.
