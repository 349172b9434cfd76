## E-mails : éléments communs.

email-greeting = Bonjour { $name },
email-greeting-anonymous = Bonjour,
email-signature = { $name }
email-automated = Cet e-mail a été envoyé automatiquement par le portail client. Les réponses ne sont pas lues.

## Lien de réinitialisation du mot de passe.

email-reset-subject = Réinitialisez votre mot de passe du portail { $tenant }
email-reset-intro = Quelqu’un, vous sans doute, a demandé à réinitialiser le mot de passe de votre compte du portail client { $tenant }.
email-reset-action = Définir un nouveau mot de passe
email-reset-expiry = Le lien ne fonctionne qu’une seule fois et expire dans { $minutes } minutes.
email-reset-ignore = Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.

## Avis de modification d’un mot de passe.

email-changed-subject = Le mot de passe de votre portail { $tenant } a été modifié
email-changed-body = Le mot de passe de votre compte du portail client { $tenant } a été modifié le { $when }.
email-changed-ip = La modification a été effectuée depuis l’adresse IP { $ip }.
email-changed-signed-out = Toutes les sessions de votre compte ont été fermées.
email-changed-not-you = Si vous n’êtes pas à l’origine de cette modification, demandez immédiatement une nouvelle réinitialisation du mot de passe avec le lien ci-dessous, et prévenez { $tenant }.
email-changed-action = Réinitialiser mon mot de passe

## Trouver votre organisation : les liens de connexion de chaque organisation où vous avez un compte.

email-discovery-subject = Vos liens de connexion aux portails clients
email-discovery-intro = Vous avez demandé à quels portails clients { $email } peut se connecter. Voici leurs liens de connexion :
email-discovery-ignore = Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer cet e-mail.

## Invitation à créer un compte.

email-invitation-subject = Vous êtes invité sur le portail client { $tenant }
email-invitation-intro = { $tenant } vous invite sur son portail client, où vous pourrez suivre vos tickets, vos projets et vos factures.
email-invitation-action = Créer mon compte
email-invitation-expiry = Le lien ne fonctionne qu’une seule fois et expire le { $when }.
email-invitation-ignore = Si vous n’attendiez pas cette invitation, ignorez cet e-mail.

## Aux administrateurs d’une entreprise : un collègue a demandé la suppression de son compte du portail.

email-deletion-subject = { $who } a demandé la suppression de son compte du portail
email-deletion-body = Le { $when }, depuis son profil, { $who } a demandé à { $tenant } de supprimer son compte du portail.
email-deletion-next = { $tenant } prendra la décision et s’en chargera. D’ici là, le compte reste inchangé ; vous pouvez le désactiver vous-même immédiatement depuis les paramètres de votre entreprise.
email-deletion-action = Ouvrir sa page dans les paramètres de l’entreprise
