CREATE TABLE "referral_events" (
	"referral_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"status" text NOT NULL,
	"by" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "referral_events_referral_id_seq_pk" PRIMARY KEY("referral_id","seq"),
	CONSTRAINT "referral_events_status" CHECK (status in ('sent', 'underReview', 'moreInformationRequested', 'accepted', 'panelOpened', 'outcomeAvailable', 'declined'))
);
--> statement-breakpoint
CREATE TABLE "referral_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sealed_file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"blob_key" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referral_files_blob" UNIQUE("blob_key"),
	CONSTRAINT "referral_files_kind" CHECK (kind in ('attachment', 'consentForm'))
);
--> statement-breakpoint
CREATE TABLE "referral_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"author_id" uuid NOT NULL,
	"side" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referral_messages_seq" UNIQUE("referral_id","seq"),
	CONSTRAINT "referral_messages_side" CHECK ("referral_messages"."side" in ('referrer', 'centre'))
);
--> statement-breakpoint
CREATE TABLE "referral_secrets" (
	"referral_id" uuid PRIMARY KEY NOT NULL,
	"wrapped_key" text NOT NULL,
	"sealed_identity" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_code" text NOT NULL,
	"ern_id" uuid NOT NULL,
	"disease_group_id" uuid,
	"hospital_id" uuid NOT NULL,
	"referrer_id" uuid NOT NULL,
	"referring_hospital" text NOT NULL,
	"referring_country" text NOT NULL,
	"nickname" text NOT NULL,
	"sex" text NOT NULL,
	"urgency" text NOT NULL,
	"clinical_question" text NOT NULL,
	"case_summary" text NOT NULL,
	"key_results" text NOT NULL,
	"phenotypic_features" jsonb NOT NULL,
	"phenopacket" jsonb,
	"consent_given_by" text NOT NULL,
	"consent_representative_relation" text,
	"consent_given_on" text NOT NULL,
	"consent_language" text NOT NULL,
	"consent_evidence" text NOT NULL,
	"status" text NOT NULL,
	"decline_reason" text,
	"decline_suggestion" text,
	"patient_id" uuid,
	"panel_id" uuid,
	"outcome_report_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referrals_referral_code_unique" UNIQUE("referral_code"),
	CONSTRAINT "referrals_status" CHECK (status in ('sent', 'underReview', 'moreInformationRequested', 'accepted', 'panelOpened', 'outcomeAvailable', 'declined')),
	CONSTRAINT "referrals_accepted_patient" CHECK (("referrals"."status" in ('accepted', 'panelOpened', 'outcomeAvailable')) = ("referrals"."patient_id" is not null)),
	CONSTRAINT "referrals_declined_reason" CHECK (("referrals"."status" = 'declined') = ("referrals"."decline_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "access_requests" DROP CONSTRAINT "access_requests_role";--> statement-breakpoint
ALTER TABLE "affiliations" DROP CONSTRAINT "affiliations_role";--> statement-breakpoint
ALTER TABLE "affiliations" DROP CONSTRAINT "affiliations_scope";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind";--> statement-breakpoint
ALTER TABLE "access_requests" ADD COLUMN "stated_hospital" text;--> statement-breakpoint
ALTER TABLE "access_requests" ADD COLUMN "stated_country" text;--> statement-breakpoint
ALTER TABLE "affiliations" ADD COLUMN "stated_hospital" text;--> statement-breakpoint
ALTER TABLE "affiliations" ADD COLUMN "stated_country" text;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_by_people_id_fk" FOREIGN KEY ("by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_files" ADD CONSTRAINT "referral_files_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_files" ADD CONSTRAINT "referral_files_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_messages" ADD CONSTRAINT "referral_messages_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_messages" ADD CONSTRAINT "referral_messages_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_secrets" ADD CONSTRAINT "referral_secrets_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_ern_id_erns_id_fk" FOREIGN KEY ("ern_id") REFERENCES "public"."erns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_disease_group_id_disease_groups_id_fk" FOREIGN KEY ("disease_group_id") REFERENCES "public"."disease_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_id_people_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_outcome_report_id_outcome_reports_id_fk" FOREIGN KEY ("outcome_report_id") REFERENCES "public"."outcome_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_files_referral" ON "referral_files" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referrals_referrer" ON "referrals" USING btree ("referrer_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_hospital" ON "referrals" USING btree ("hospital_id","status");--> statement-breakpoint
CREATE INDEX "referrals_patient" ON "referrals" USING btree ("patient_id");--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_role" CHECK (role in ('healthProfessional', 'assistant', 'coordinator', 'hospitalRepresentative', 'dataProtectionOfficer', 'researcher', 'platformAdministrator', 'guestExpert', 'referrer'));--> statement-breakpoint
ALTER TABLE "affiliations" ADD CONSTRAINT "affiliations_role" CHECK (role in ('healthProfessional', 'assistant', 'coordinator', 'hospitalRepresentative', 'dataProtectionOfficer', 'researcher', 'platformAdministrator', 'guestExpert', 'referrer'));--> statement-breakpoint
ALTER TABLE "affiliations" ADD CONSTRAINT "affiliations_scope" CHECK ((role in ('coordinator', 'researcher') and ern_id is not null)
        or (role in ('healthProfessional', 'assistant', 'hospitalRepresentative', 'dataProtectionOfficer') and hospital_id is not null)
        or (role = 'platformAdministrator')
        or (role = 'guestExpert' and valid_until is not null)
        or (role = 'referrer' and ern_id is not null and hospital_id is null and stated_hospital is not null and stated_country is not null));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind" CHECK (kind in ('panelInvitation', 'panelMessage', 'mention', 'infoRequest', 'infoAnswered', 'panelTransition', 'outcomeApprovalRequested', 'outcomeSigned', 'meetingInvitation', 'meetingChanged', 'contributionPosted', 'referralUpdate'));