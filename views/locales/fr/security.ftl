## Profil → Sécurité.

security-title = Sécurité
security-intro = Gérez la façon dont vous vous connectez et les appareils sur lesquels vous êtes connecté.
security-two-factor-heading = Double authentification
security-two-factor-on = La double authentification est activée depuis le
security-two-factor-off = La double authentification est désactivée. Activez-la pour qu’un mot de passe volé ne suffise pas à se connecter à votre place.
security-two-factor-codes-left = { $count ->
    [one] Il vous reste { $count } code de récupération inutilisé.
   *[other] Il vous reste { $count } codes de récupération inutilisés.
}
security-two-factor-set-up = Configurer la double authentification
security-two-factor-disable-heading = Désactiver la double authentification
security-two-factor-disable = Désactiver la double authentification
security-password-heading = Changer de mot de passe
security-current-password = Mot de passe actuel
security-new-password = Nouveau mot de passe
security-confirm-password = Confirmez le nouveau mot de passe
security-password-rules = De 12 à 128 caractères. Quelques mots sans rapport entre eux forment un mot de passe robuste ; évitez votre nom et votre adresse e-mail.
security-sign-out-others = Fermer mes autres sessions
security-change-password = Changer de mot de passe
security-sessions-heading = Vos sessions ouvertes
security-sessions-intro = Ces appareils sont connectés à votre compte. Si vous ne reconnaissez pas l’un d’eux, déconnectez-le et changez de mot de passe.
security-session-device = Appareil
security-session-ip = Adresse IP
security-session-method = Méthode de connexion
security-session-signed-in = Connexion
security-session-last-active = Dernière activité
security-session-current = Cet appareil
security-session-revoke = Déconnecter
security-session-unknown = Inconnu
security-revoke-others-heading = Se déconnecter partout ailleurs
security-revoke-others-proof = Confirmez avec votre mot de passe ou un code de double authentification.
security-revoke-others = Fermer toutes les autres sessions
security-password-or-code = Mot de passe ou code de double authentification
security-enroll-cancel = Annuler
security-codes-back = Retour à Sécurité
security-notice-password-changed = { $count ->
    [0] Votre mot de passe a été modifié.
    [one] Votre mot de passe a été modifié et { $count } autre session a été fermée.
   *[other] Votre mot de passe a été modifié et { $count } autres sessions ont été fermées.
}
security-notice-two-factor-on = La double authentification est désormais activée.
security-notice-two-factor-off = La double authentification est désormais désactivée.
security-notice-session-revoked = La session a été fermée.
security-notice-others-revoked = { $count ->
    [one] { $count } autre session a été fermée.
   *[other] { $count } autres sessions ont été fermées.
}
security-error-wrong-password = Le mot de passe est incorrect.
security-error-mismatch = Les deux nouveaux mots de passe ne correspondent pas.
security-error-missing = Saisissez deux fois le nouveau mot de passe.
security-error-too-short = Le mot de passe doit contenir au moins 12 caractères.
security-error-too-long = Le mot de passe doit contenir au plus 128 caractères.
security-error-contains-email = Le mot de passe ne doit pas contenir votre adresse e-mail.
security-error-contains-name = Le mot de passe ne doit pas contenir votre nom.
security-error-too-weak = Ce mot de passe est trop facile à deviner. Essayez quelques mots sans rapport entre eux.
security-error-needs-proof = Saisissez votre mot de passe ou un code de double authentification en cours de validité.
security-error-csrf = Le formulaire a expiré. Veuillez réessayer.
security-error-unavailable = Ce service est momentanément indisponible. Veuillez réessayer dans un instant.
security-error-throttled = { $minutes ->
    [one] Trop de mots de passe ou de codes erronés, réessayez dans { $minutes } minute.
   *[other] Trop de mots de passe ou de codes erronés, réessayez dans { $minutes } minutes.
}
security-method-password = Mot de passe
security-method-password-totp = Mot de passe et code d’authentification
security-method-password-recovery = Mot de passe et code de récupération

## Méthodes de connexion par authentification unique, et les identités associées.

security-method-oidc = Authentification unique
security-method-oidc-totp = Authentification unique et code d’authentification
security-method-oidc-recovery = Authentification unique et code de récupération
security-identities-heading = Authentification unique
security-identities-intro = Ces comptes auprès des fournisseurs d’identité de votre organisation permettent de se connecter à ce compte du portail. En supprimer un l’empêche de se connecter ici ; s’en servir à nouveau pour se connecter l’associe de nouveau si son adresse e-mail correspond.
security-identity-provider = Fournisseur
security-identity-email = E-mail chez le fournisseur
security-identity-linked = Associé le
security-identity-last-used = Dernière utilisation
security-identity-unlink = Supprimer
security-notice-identity-unlinked = L’identité d’authentification unique a été retirée de votre compte.
