CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"scope" text,
	"given_by" text NOT NULL,
	"representative_relation" text,
	"given_on" date NOT NULL,
	"form_version" text NOT NULL,
	"language" text NOT NULL,
	"evidence" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"withdrawn_on" date,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawal_note" text,
	CONSTRAINT "consents_kind" CHECK (kind in ('care', 'ernRegistries', 'researchContact', 'photographs')),
	CONSTRAINT "consents_representative" CHECK ("consents"."given_by" = 'patient' or "consents"."representative_relation" is not null),
	CONSTRAINT "consents_withdrawal" CHECK (("consents"."withdrawn_at" is null) = ("consents"."withdrawn_on" is null))
);
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_withdrawn_by_people_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_patient" ON "consents" USING btree ("patient_id");