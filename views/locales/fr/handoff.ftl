## La page de l’hôte principal qui renvoie l’utilisateur vers l’adresse propre du portail de l’organisation.

handoff-title = Connexion en cours
handoff-heading = Connexion à { $name } en cours
handoff-body = Veuillez patienter un instant, nous finalisons votre connexion.
handoff-continue = Continuer
handoff-no-script = Si rien ne se passe, sélectionnez Continuer.

## Quand le transfert ne peut pas être utilisé.

handoff-failed-title = Lien de connexion non valide
handoff-failed-heading = Ce lien de connexion ne peut pas être utilisé
handoff-failed-expired = Le lien a expiré ou a déjà été utilisé. Les liens de connexion ne fonctionnent qu’une seule fois, pendant une courte durée.
handoff-failed-domain = Ce lien de connexion a été créé pour une autre adresse.
handoff-failed-unavailable = Cette adresse de portail n’est pas encore prête pour la connexion.
handoff-failed-dns = Cette adresse de portail n’est pas encore correctement configurée. Veuillez réessayer plus tard ou contacter votre prestataire.
handoff-failed-error = Un problème est survenu lors de votre connexion. Veuillez réessayer.
handoff-failed-link = Pour votre sécurité, cette adresse n’accepte pas les liens de connexion. Reconnectez-vous pour continuer.
handoff-failed-origin = Cette connexion ne provient pas de la page de connexion : elle n’a donc pas été acceptée. Reconnectez-vous pour continuer.
handoff-failed-unfinished = Cette connexion n’a pas pu être finalisée dans ce navigateur. Reconnectez-vous pour continuer.
handoff-failed-retry = Se reconnecter
