# E-mails de notification (réponses du prestataire, tickets fermés, nouvelles factures, invitations acceptées),
# les pages de désabonnement et les choix de notification du profil.

notify-reply-subject = Nouvelle réponse au ticket { $number } : { $title }
notify-replies-subject = { $count ->
    [one] { $count } nouvelle réponse au ticket { $number } : { $title }
   *[other] { $count } nouvelles réponses au ticket { $number } : { $title }
}
notify-reply-intro = { $tenant } a répondu à votre ticket { $number } « { $title } ».
notify-replies-intro = { $count ->
    [one] { $tenant } a ajouté { $count } nouvelle réponse à votre ticket { $number } « { $title } ».
   *[other] { $tenant } a ajouté { $count } nouvelles réponses à votre ticket { $number } « { $title } ».
}
notify-reply-heading = { $author }, { $when }
notify-reply-answer = Vous pouvez répondre sur la page du ticket, ou répondre à cet e-mail pour joindre le support.
notify-reply-action = Ouvrir le ticket
notify-closed-subject = Le ticket { $number } a été fermé : { $title }
notify-closed-body = { $tenant } a fermé votre ticket { $number } « { $title } » le { $when } (statut : { $status }).
notify-closed-reopen = Si le problème n’est pas résolu, ouvrez le ticket et rouvrez-le, ou répondez à cet e-mail.
notify-invoice-subject = Nouvelle facture { $number } de { $tenant }
notify-invoice-body = { $tenant } a émis la facture { $number } d’un montant de { $total }.
notify-invoice-due = Elle est à régler au plus tard le { $due }.
notify-invoice-action = Voir la facture
notify-accepted-subject = { $who } a rejoint le portail de votre entreprise
notify-accepted-body = { $who } a accepté votre invitation et peut désormais se connecter au portail client { $tenant }.
notify-accepted-action = Ouvrir sa page dans les paramètres de l’entreprise
notify-unsubscribe = Ne plus recevoir ces e-mails

# Le nom de chaque type (choix du profil, pages de désabonnement).
notify-kind-ticket_reply = Les réponses de { $tenant } à mes tickets
notify-kind-ticket_closed = Mes tickets fermés par { $tenant }
notify-kind-invoice_finalized = Les nouvelles factures
notify-kind-invitation_accepted = Les collègues que j’ai invités et qui ont rejoint le portail

# Carte du profil.
notify-card-title = Notifications par e-mail
notify-card-intro = Choisissez les sujets sur lesquels { $tenant } vous écrit. Les e-mails de sécurité (changements de mot de passe, liens de connexion) sont toujours envoyés.
notify-card-save = Enregistrer les choix de notification
notify-saved = Vos choix de notification ont été enregistrés.
notify-card-none = Aucun e-mail de notification n’est prévu pour votre rôle.

# Pages de désabonnement (sans connexion).
unsubscribe-title = Se désabonner
unsubscribe-confirm = Ne plus recevoir d’e-mails concernant : { $kind } ?
unsubscribe-confirm-hint = Seul ce type d’e-mail est interrompu ; vous pouvez le réactiver depuis votre profil.
unsubscribe-button = Se désabonner
unsubscribe-done = Vous ne recevrez plus d’e-mails concernant : { $kind }.
unsubscribe-done-hint = Vous avez changé d’avis ? Connectez-vous et réactivez-le dans Profil.
unsubscribe-invalid = Ce lien de désabonnement n’est pas valide. Connectez-vous et choisissez vos e-mails dans Profil.
unsubscribe-sign-in = Se connecter
