CREATE TABLE "record_versions" (
	"patient_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"changed_sections" text[] NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "record_versions_patient_id_version_pk" PRIMARY KEY("patient_id","version"),
	CONSTRAINT "record_versions_version" CHECK ("record_versions"."version" >= 1),
	CONSTRAINT "record_versions_source" CHECK (source in ('edit', 'phenopacketImport'))
);
--> statement-breakpoint
CREATE TABLE "records" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"current_version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "records_current_version" CHECK ("records"."current_version" >= 0)
);
--> statement-breakpoint
ALTER TABLE "record_versions" ADD CONSTRAINT "record_versions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_versions" ADD CONSTRAINT "record_versions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;