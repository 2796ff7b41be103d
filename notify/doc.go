// Package notify sends email to the people who use Broen — coordinators and
// organisation editors — always in the recipient's own language.
//
// A Mailer delivers one Message. SMTPMailer sends through an SMTP relay
// (configured with SMTPConfig, usually from BROEN_SMTP_* variables through
// ConfigFromEnv); LogMailer writes the whole message to the log instead, for
// development without a relay. The builders in emails.go (Invitation,
// PasswordReset, ModerationDecision, StaleReminder) compose a localized
// plain-text Message from catalog messages under notify.* with a
// *locales.Localizer for the recipient's language, and set its
// Content-Language header. Times are written in Zone (Europe/Oslo unless
// set otherwise at start-up).
//
// Messages are plain UTF-8 text: paragraphs separated by blank lines, every
// link on a line of its own so that it stays clickable on a small screen,
// and a common footer after a "-- " signature line. Text that people typed
// (names, titles) is put on one line before it goes into a message, so it
// cannot add lines or headers of its own.
package notify
