## Paramètres de l’entreprise (administrateurs côté client).

company-title = Entreprise
company-heading = { $company }
company-intro = Les utilisateurs du portail de votre entreprise, leurs sessions ouvertes et leurs connexions récentes.
company-users-heading = Utilisateurs du portail
company-user-name = Nom
company-user-email = E-mail
company-user-role = Rôle
company-user-two-factor = Double authentification
company-user-last-sign-in = Dernière connexion
company-user-sessions = Sessions actives
company-role-admin = Administrateur
company-role-finance = Comptabilité
company-role-user = Utilisateur
company-inactive = Inactif
company-yes = Activée
company-no = Désactivée
company-never = Jamais
company-sign-out-user = Déconnecter partout
company-sessions-heading = Sessions actives
company-sessions-none = Personne de votre entreprise n’est connecté en ce moment.
company-session-user = Utilisateur
company-session-device = Appareil
company-session-ip = Adresse IP
company-session-method = Méthode de connexion
company-session-last-active = Dernière activité
company-session-revoke = Déconnecter
company-session-yours = Vous, sur cet appareil
company-events-heading = Connexions et modifications de compte récentes
company-events-none = Aucune connexion pour le moment.
company-event-time = Date
company-event-who = E-mail
company-event-outcome = Résultat
company-event-ip = Adresse IP
company-outcome-success = Connexion réussie
company-outcome-failure = Échec
company-outcome-second-factor = Mot de passe correct, second facteur demandé
company-notice-session = La session a été fermée.
company-notice-user = { $count ->
    [one] { $count } session a été fermée.
   *[other] { $count } sessions ont été fermées.
}
company-unknown = Inconnu
company-manage-user = Gérer
company-event-two-factor = Exigence de double authentification modifiée
company-two-factor-heading = Double authentification pour tous
company-two-factor-require = Exiger la double authentification pour tous les membres de votre entreprise
company-two-factor-hint = Les personnes qui ne l’utilisent pas encore la configureront à leur prochaine connexion. Celles qui l’utilisent déjà ne sont pas concernées.
company-two-factor-save = Enregistrer
company-notice-two-factor = Enregistré : l’exigence de double authentification s’applique à chacun dès sa prochaine connexion.
company-event-role-changed = Rôle modifié par un administrateur
company-event-deactivated = Compte désactivé par un administrateur
company-event-reactivated = Compte réactivé par un administrateur
company-event-reset-sent = Lien de réinitialisation du mot de passe envoyé par un administrateur
company-event-signed-out = Une session a été fermée
company-event-profile-updated = Profil mis à jour

## Un utilisateur du portail de l’entreprise.

member-back = ← Tous les utilisateurs du portail
member-facts-heading = Compte
member-email = E-mail
member-status = Statut
member-active = Actif
member-inactive = Désactivé
member-two-factor = Double authentification
member-last-sign-in = Dernière connexion
member-sessions = Sessions actives
member-role-heading = Rôle
member-role-legend = Ce que cette personne peut faire dans le portail
member-role-admin-hint = Tout, y compris la gestion des utilisateurs du portail et des paramètres de votre entreprise.
member-role-finance-hint = Les factures, les paiements et la consommation, ainsi que les tickets de support et les projets.
member-role-user-hint = Les tickets de support et les projets ; ni la facturation, ni les paramètres de l’entreprise.
member-role-save = Enregistrer le rôle
member-access-heading = Accès
member-deactivate-hint = Une personne désactivée est immédiatement déconnectée et ne peut plus se connecter tant qu’elle n’a pas été réactivée. Ses tickets et son historique sont conservés.
member-deactivate = Désactiver
member-reactivate-hint = Cette personne est désactivée et ne peut pas se connecter.
member-reactivate = Réactiver
member-you-hint = C’est vous : si vous renoncez au rôle Administrateur, vous perdez immédiatement l’accès aux paramètres de l’entreprise.
member-notice-role = Le rôle a été modifié. Il s’applique dès la prochaine page consultée par cette personne.
member-notice-deactivated = Compte désactivé : la personne a été déconnectée partout.
member-notice-reactivated = Compte réactivé : la personne peut de nouveau se connecter.
member-notice-unchanged = Rien n’a changé.
member-error-last-admin = Votre entreprise doit compter au moins un administrateur actif, et cette personne est la seule. Nommez d’abord quelqu’un d’autre administrateur.
member-error-conflict = Quelqu’un a modifié le rôle de cette personne au même moment. Vérifiez-le, puis réessayez.
member-error-bad-role = Choisissez l’un des trois rôles.
member-reset-heading = Mot de passe
member-reset-hint = Envoyez à { $email } un lien pour définir un nouveau mot de passe. Son mot de passe actuel reste valable tant que ce lien n’a pas été utilisé.
member-reset = Envoyer un lien de réinitialisation du mot de passe
member-notice-reset = Un lien de réinitialisation du mot de passe est en cours d’envoi.
member-error-inactive = Cette personne est désactivée : réactivez-la d’abord.

## Les coordonnées de l’entreprise dans les paramètres de l’entreprise.

company-details-heading = Coordonnées de l’entreprise
company-details-kept = Votre prestataire gère ces informations. Une information n’est plus à jour ? Signalez-le-lui, il la corrigera.
company-details-edit-hint = Votre prestataire est informé de chaque modification.
company-details-phone = Téléphone
company-details-email = E-mail
company-details-website = Site web
company-details-address = Adresse de facturation
company-details-line1 = Numéro et rue
company-details-line2 = Complément d’adresse
company-details-postal-code = Code postal
company-details-city = Ville
company-details-region = Région ou État
company-details-country = Pays
company-details-save = Enregistrer les coordonnées
company-details-not-on-file = Non renseigné
company-details-error-phone = Ce numéro de téléphone est trop long ou contient des caractères non autorisés.
company-details-error-email = Saisissez une adresse e-mail du type accounts@example.com.
company-details-error-website = Saisissez une adresse web du type https://www.example.com.
company-details-error-line = Cette ligne est trop longue ou contient des caractères non autorisés.
company-notice-details = Les coordonnées de l’entreprise ont été enregistrées et votre prestataire en a été informé.
company-notice-details-unchanged = Les coordonnées de l’entreprise n’ont pas changé.
company-event-company-updated = Coordonnées de l’entreprise modifiées
