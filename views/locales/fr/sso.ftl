## Authentification unique : les boutons de la page de connexion.

sso-sign-in-with = Se connecter avec { $provider }
sso-or-password = ou utilisez votre adresse e-mail et votre mot de passe
sso-only-intro = Votre organisation se connecte via son fournisseur d’identité.

## Quand une connexion via un fournisseur d’identité échoue.

sso-failed-title = Échec de la connexion
sso-failed-heading = Nous n’avons pas pu vous connecter avec { $provider }
sso-failed-unreachable = { $provider } est injoignable. Veuillez réessayer dans quelques minutes.
sso-failed-denied = La connexion a été annulée chez { $provider } : vous n’êtes donc pas connecté.
sso-failed-state = Cette connexion a expiré ou a déjà été utilisée. Veuillez recommencer depuis la page de connexion.
sso-failed-token = { $provider } a envoyé une réponse que nous n’avons pas pu vérifier : vous n’êtes donc pas connecté. Veuillez réessayer ; si le problème persiste, contactez votre prestataire.
sso-failed-no-email = { $provider } n’a pas communiqué votre adresse e-mail, dont nous avons besoin pour retrouver votre compte.
sso-failed-unverified = { $provider } n’a pas vérifié votre adresse e-mail. Faites-la vérifier chez ce fournisseur, puis réessayez.
sso-failed-domain = Votre organisation n’autorise pas votre adresse e-mail pour la connexion avec { $provider }.
sso-failed-no-user = Il n’existe aucun compte du portail pour cette identité { $provider }. Demandez une invitation à l’administrateur du portail de votre entreprise.
sso-failed-inactive = Votre compte du portail n’est pas actif. Veuillez contacter votre prestataire.
sso-failed-internal = Cette connexion est réservée aux clients. Les comptes du personnel ne peuvent pas utiliser le portail client.
sso-failed-unknown-provider = Cette option de connexion n’est pas disponible pour votre organisation.
sso-failed-unavailable = Un problème est survenu lors de votre connexion. Veuillez réessayer.
sso-failed-reference = Référence : { $reference }
sso-failed-retry = Retour à la connexion
sso-failed-throttled = { $minutes ->
    [one] Trop de connexions ont été lancées depuis votre réseau. Veuillez réessayer dans { $minutes } minute.
   *[other] Trop de connexions ont été lancées depuis votre réseau. Veuillez réessayer dans { $minutes } minutes.
}
