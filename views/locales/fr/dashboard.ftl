## Tableau de bord : la page d’accueil du client connecté.

dashboard-title = Tableau de bord
dashboard-welcome = Bienvenue, { $name }
dashboard-intro = Voici un aperçu de votre compte.
dashboard-account-heading = Aperçu du compte
dashboard-account-name = Nom
dashboard-account-email = E-mail
dashboard-account-company = Entreprise
dashboard-last-sign-in-heading = Dernière connexion
dashboard-last-sign-in-at = Votre précédente connexion date du { $time }.
dashboard-first-sign-in = C’est votre première connexion.
dashboard-session-heading = Session en cours
dashboard-session-signed-in-at = Heure de connexion
dashboard-session-method = Méthode de connexion
dashboard-method-password = E-mail et mot de passe
dashboard-tickets-heading = Tickets de support
dashboard-tickets-open = { $count ->
    [one] { $count } ticket ouvert
   *[other] { $count } tickets ouverts
}
dashboard-tickets-awaiting = { $count ->
    [0] aucun en attente de votre réponse
    [one] un en attente de votre réponse
   *[other] { $count } en attente de votre réponse
}
dashboard-tickets-recent = Mis à jour récemment
dashboard-tickets-none = Aucun ticket pour le moment.
dashboard-tickets-all = Voir tous les tickets

# Activité récente (les derniers événements de l’entreprise que l’utilisateur peut voir).
dashboard-activity-heading = Activité récente
dashboard-activity-none = Il ne s’est encore rien passé. Les réponses, changements de statut, factures et actualités des projets s’afficheront ici.
dashboard-activity-reply = { $author } a répondu au ticket { $ticket }
dashboard-activity-status = Le ticket { $ticket } est désormais « { $status } »
dashboard-activity-closed = Le ticket { $ticket } a été fermé (« { $status } »)
dashboard-activity-invoice = Facture { $number } émise pour un montant de { $total }
dashboard-activity-payment = Paiement de { $amount } reçu
dashboard-activity-payment-for = Paiement de { $amount } reçu pour la facture { $number }
dashboard-activity-project = Le projet { $project } est désormais « { $status } »
dashboard-activity-joined = { $who } a rejoint le portail
