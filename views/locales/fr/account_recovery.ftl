## Commun aux formulaires de demande par e-mail.

recovery-email-label = Adresse e-mail
recovery-back-to-sign-in = Retour à la connexion
recovery-forgot-link = Mot de passe oublié ?
recovery-error-csrf = Ce formulaire a expiré. Veuillez réessayer.
recovery-error-email-missing = Saisissez votre adresse e-mail.
recovery-error-too-many = Trop de demandes pour cette adresse ou depuis ce réseau. Veuillez réessayer plus tard.
recovery-error-unavailable = Ce service est momentanément indisponible. Veuillez réessayer dans un instant.

## Mot de passe oublié : demander un lien de réinitialisation.

forgot-title = Réinitialiser votre mot de passe
forgot-heading = Réinitialiser votre mot de passe
forgot-intro = Saisissez l’adresse e-mail de votre compte sur le portail client { $name }. Nous vous enverrons par e-mail un lien pour choisir un nouveau mot de passe.
forgot-submit = M’envoyer un lien de réinitialisation
forgot-sent-title = Consultez votre messagerie
forgot-sent-heading = Consultez votre messagerie
forgot-sent-body = Si cette adresse correspond à un compte de ce portail, nous lui avons envoyé un lien pour choisir un nouveau mot de passe. Ce lien ne fonctionne qu’une seule fois et expire dans { $minutes } minutes.
forgot-sent-help = Rien reçu après quelques minutes ? Vérifiez votre dossier de courrier indésirable, assurez-vous d’avoir saisi l’adresse utilisée par votre compte, ou adressez-vous à votre prestataire.

## Définir un nouveau mot de passe à partir d’un lien de réinitialisation.

reset-title = Choisir un nouveau mot de passe
reset-heading = Choisissez un nouveau mot de passe pour { $name }
reset-intro = Votre nouveau mot de passe remplace l’ancien, et toutes les sessions de votre compte sont fermées.
reset-password-label = Nouveau mot de passe
reset-confirm-label = Confirmez le nouveau mot de passe
reset-hint = Au moins 12 caractères. Quelques mots sans rapport entre eux forment un mot de passe robuste et facile à retenir.
reset-submit = Définir le nouveau mot de passe
reset-done-title = Mot de passe modifié
reset-done-heading = Votre mot de passe a été modifié
reset-done-body = Votre nouveau mot de passe est enregistré et toutes les sessions de votre compte ont été fermées. Connectez-vous avec le nouveau mot de passe.
reset-done-sign-in = Se connecter
reset-invalid-title = Ce lien ne peut pas être utilisé
reset-invalid-heading = Ce lien ne peut pas être utilisé
reset-invalid-body = Le lien de réinitialisation a expiré, a déjà été utilisé ou a été remplacé par un lien plus récent. Demandez un nouveau lien pour continuer.
reset-invalid-action = Demander un nouveau lien

## Pourquoi un nouveau mot de passe a été refusé.


## Trouver votre organisation : la page de connexion sans organisation.

find-org-title = Trouver votre organisation
find-org-heading = Trouver le portail de votre organisation
find-org-intro = Pour vous connecter, utilisez le lien du portail que votre prestataire vous a communiqué. Vous ne le trouvez pas ? Saisissez votre adresse e-mail et nous vous enverrons par e-mail les liens de connexion de toutes les organisations où vous avez un compte sur le portail client.
find-org-submit = M’envoyer mes liens de connexion
find-org-help = Vous pouvez aussi demander à votre prestataire de vous renvoyer le lien du portail.
find-org-sent-title = Consultez votre messagerie
find-org-sent-heading = Consultez votre messagerie
find-org-sent-body = Si cette adresse possède des comptes sur des portails clients, nous lui avons envoyé leurs liens de connexion.
