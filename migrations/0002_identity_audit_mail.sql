CREATE TABLE "access_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"ern_id" uuid NOT NULL,
	"hospital_id" uuid,
	"role" text NOT NULL,
	"justification" text NOT NULL,
	"status" text NOT NULL,
	"guest_until" timestamp with time zone,
	"requested_by" uuid NOT NULL,
	"employment_confirmed_by" uuid,
	"employment_confirmed_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"affiliation_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "access_requests_role" CHECK (role in ('healthProfessional', 'assistant', 'coordinator', 'hospitalRepresentative', 'dataProtectionOfficer', 'researcher', 'platformAdministrator', 'guestExpert')),
	CONSTRAINT "access_requests_status" CHECK (status in ('pending', 'awaitingEmployment', 'approved', 'rejected', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "affiliations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"hospital_id" uuid,
	"ern_id" uuid,
	"role" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "affiliations_role" CHECK (role in ('healthProfessional', 'assistant', 'coordinator', 'hospitalRepresentative', 'dataProtectionOfficer', 'researcher', 'platformAdministrator', 'guestExpert')),
	CONSTRAINT "affiliations_period" CHECK ("affiliations"."valid_until" is null or "affiliations"."valid_until" > "affiliations"."valid_from"),
	CONSTRAINT "affiliations_scope" CHECK ((role in ('coordinator', 'researcher') and ern_id is not null)
        or (role in ('healthProfessional', 'assistant', 'hospitalRepresentative', 'dataProtectionOfficer') and hospital_id is not null)
        or (role = 'platformAdministrator')
        or (role = 'guestExpert' and valid_until is not null))
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"password_hash" text,
	"password_changed_at" timestamp with time zone,
	"totp_secret" text,
	"totp_confirmed_at" timestamp with time zone,
	"totp_last_step" integer
);
--> statement-breakpoint
CREATE TABLE "delegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assistant_id" uuid NOT NULL,
	"principal_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "delegations_not_self" CHECK ("delegations"."assistant_id" <> "delegations"."principal_id")
);
--> statement-breakpoint
CREATE TABLE "external_identities" (
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "external_identities_issuer_subject_pk" PRIMARY KEY("issuer","subject")
);
--> statement-breakpoint
CREATE TABLE "oidc_logins" (
	"state" text PRIMARY KEY NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"return_to" text,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"title" text,
	"specialty" text,
	"expertise" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"time_zone" text DEFAULT 'Europe/Brussels' NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"country" text,
	"deactivated_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_disease_groups" (
	"person_id" uuid NOT NULL,
	"disease_group_id" uuid NOT NULL,
	CONSTRAINT "person_disease_groups_person_id_disease_group_id_pk" PRIMARY KEY("person_id","disease_group_id")
);
--> statement-breakpoint
CREATE TABLE "platform_settings" (
	"singleton" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"local_accounts_enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"method" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"second_factor_at" timestamp with time zone,
	"user_agent" text,
	"client_address" text,
	"ended_at" timestamp with time zone,
	CONSTRAINT "sessions_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_chain_heads" (
	"partition" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_event_patients" (
	"partition" text NOT NULL,
	"seq" bigint NOT NULL,
	"patient_id" uuid NOT NULL,
	CONSTRAINT "audit_event_patients_partition_seq_patient_id_pk" PRIMARY KEY("partition","seq","patient_id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"partition" text NOT NULL,
	"seq" bigint NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"patient_id" uuid,
	"client_address" text,
	"outcome" text NOT NULL,
	"details" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_partition_seq_pk" PRIMARY KEY("partition","seq")
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient_id" uuid,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "erns" ADD COLUMN "triage_required" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "erns" ADD COLUMN "employment_confirmation_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "erns" ADD COLUMN "helpdesk_email" text;--> statement-breakpoint
ALTER TABLE "erns" ADD COLUMN "guest_account_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_ern_id_erns_id_fk" FOREIGN KEY ("ern_id") REFERENCES "public"."erns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_requested_by_people_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_employment_confirmed_by_people_id_fk" FOREIGN KEY ("employment_confirmed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_affiliation_id_affiliations_id_fk" FOREIGN KEY ("affiliation_id") REFERENCES "public"."affiliations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "affiliations" ADD CONSTRAINT "affiliations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "affiliations" ADD CONSTRAINT "affiliations_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "affiliations" ADD CONSTRAINT "affiliations_ern_id_erns_id_fk" FOREIGN KEY ("ern_id") REFERENCES "public"."erns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "affiliations" ADD CONSTRAINT "affiliations_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_assistant_id_people_id_fk" FOREIGN KEY ("assistant_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_principal_id_people_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_hospital_id_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_identities" ADD CONSTRAINT "external_identities_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_disease_groups" ADD CONSTRAINT "person_disease_groups_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_disease_groups" ADD CONSTRAINT "person_disease_groups_disease_group_id_disease_groups_id_fk" FOREIGN KEY ("disease_group_id") REFERENCES "public"."disease_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_settings" ADD CONSTRAINT "platform_settings_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_recipient_id_people_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_requests_ern_status" ON "access_requests" USING btree ("ern_id","status");--> statement-breakpoint
CREATE INDEX "access_requests_person" ON "access_requests" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "affiliations_person" ON "affiliations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "delegations_assistant" ON "delegations" USING btree ("assistant_id");--> statement-breakpoint
CREATE INDEX "external_identities_person" ON "external_identities" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_lower" ON "people" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "recovery_codes_person" ON "recovery_codes" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "sessions_person" ON "sessions" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "audit_event_patients_patient" ON "audit_event_patients" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "audit_events_patient" ON "audit_events" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor" ON "audit_events" USING btree ("actor_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_time" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "email_outbox_pending" ON "email_outbox" USING btree ("sent_at","next_attempt_at");