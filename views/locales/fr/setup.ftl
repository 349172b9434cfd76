## Création du compte à partir d’une invitation.

setup-title = Créer votre compte
setup-heading = Créez votre compte sur le portail { $name }
setup-who = Vous créez le compte du portail de { $name } ({ $email }) chez { $company }.
setup-role-admin = Vous serez administrateur du portail de votre entreprise.
setup-role-finance = Vous gérerez la facturation de votre entreprise dans le portail.
setup-submit = Définir le mot de passe et se connecter
setup-expired-heading = Cette invitation a expiré
setup-expired-body = Les liens d’invitation ne sont valables que pendant une durée limitée. Demandez-en un nouveau ci-dessous : il sera envoyé à l’adresse e-mail invitée.
setup-used-heading = Cette invitation a déjà été utilisée
setup-used-body = Le compte a été créé. Connectez-vous avec votre adresse e-mail et votre mot de passe, ou réinitialisez votre mot de passe si vous l’avez oublié.
setup-invalid-heading = Ce lien d’invitation ne fonctionne pas
setup-invalid-body = Le lien est incomplet ou a été remplacé par une invitation plus récente. Utilisez le dernier e-mail d’invitation, ou demandez à l’administrateur du portail de votre entreprise de vous inviter à nouveau.
setup-request-new = M’envoyer une nouvelle invitation
setup-requested = Si l’invitation peut être renouvelée, un nouveau lien est en cours d’envoi à l’adresse e-mail invitée.
setup-sign-in = Aller à la connexion

## La section des invitations de la page Entreprise.

setup-invite-heading = Inviter des personnes
setup-invite-intro = Les contacts de votre entreprise qui n’ont pas encore de compte sur le portail. Une invitation leur envoie par e-mail un lien pour définir leur mot de passe ; il ne fonctionne qu’une seule fois.
setup-invite-none = Tous les contacts de votre entreprise ont un compte sur le portail.
setup-invite-pending = Invité, lien valable jusqu’au
setup-invite-send = Inviter
setup-invite-resend = Envoyer un nouveau lien
setup-invite-sent = Une invitation a été envoyée à { $email }.
setup-invite-name = Nom
setup-invite-email = E-mail
setup-invite-status = Statut
setup-invite-not-invited = Non invité
