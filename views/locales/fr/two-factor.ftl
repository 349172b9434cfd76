## La seconde étape de la connexion.

two-factor-title = Vérification en deux étapes
two-factor-heading = Bonjour { $name }, confirmez votre identité
two-factor-intro = Saisissez le code à six chiffres affiché par votre application d’authentification.
two-factor-code-label = Code
two-factor-code-hint = Vous avez perdu votre appareil ? Saisissez plutôt l’un de vos codes de récupération.
two-factor-submit = Vérifier

## Activation (à la connexion lorsqu’elle est exigée, ou depuis la page Sécurité).

two-factor-enroll-title = Configurer la double authentification
two-factor-enroll-heading = Configurer la double authentification
two-factor-enroll-required = Votre organisation exige la double authentification. Configurez-la pour continuer.
two-factor-enroll-step-scan = 1. Scannez ce QR code avec une application d’authentification (par exemple Google Authenticator, Microsoft Authenticator ou 1Password).
two-factor-enroll-qr-label = QR code pour votre application d’authentification
two-factor-enroll-secret-label = Impossible de le scanner ? Saisissez plutôt cette clé :
two-factor-enroll-step-confirm = 2. Saisissez le code à six chiffres affiché par l’application pour confirmer.
two-factor-enroll-submit = Activer la double authentification

## Codes de récupération, affichés une seule fois.

two-factor-codes-title = Vos codes de récupération
two-factor-codes-heading = Conservez vos codes de récupération
two-factor-codes-intro = Chaque code vous permet de vous connecter une seule fois si vous perdez votre application d’authentification. Conservez-les en lieu sûr : ils ne seront plus affichés.
two-factor-codes-continue = Je les ai conservés, continuer

## Échecs.

two-factor-error-invalid = Ce code n’est pas valide. Vérifiez l’heure de votre appareil et réessayez.
two-factor-error-replay = Ce code a déjà été utilisé. Attendez le code suivant et réessayez.
two-factor-error-expired = Votre connexion a pris trop de temps ou a déjà été finalisée.
two-factor-error-setup-expired = Cette configuration a expiré. Scannez le nouveau QR code ci-dessous, puis saisissez le code affiché par l’application.
two-factor-error-csrf = Le formulaire a expiré. Veuillez réessayer.
two-factor-error-unavailable = La vérification en deux étapes est momentanément indisponible. Veuillez réessayer dans un instant.
two-factor-expired-heading = Veuillez vous reconnecter
two-factor-expired-body = Pour votre sécurité, la seconde étape de la connexion doit suivre la première dans un délai de quelques minutes.
two-factor-expired-link = Aller à la connexion
two-factor-error-throttled = { $minutes ->
    [one] Trop de tentatives de connexion infructueuses, réessayez dans { $minutes } minute.
   *[other] Trop de tentatives de connexion infructueuses, réessayez dans { $minutes } minutes.
}
