CREATE TABLE "imaging_instances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"sop_instance_uid" text NOT NULL,
	"sop_class_uid" text NOT NULL,
	"transfer_syntax_uid" text NOT NULL,
	"instance_number" integer,
	"rows" integer NOT NULL,
	"columns" integer NOT NULL,
	"frames" integer NOT NULL,
	"pixel_offset" bigint,
	"frame_length" bigint,
	"metadata" jsonb NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "imaging_instances_blob_key_unique" UNIQUE("blob_key"),
	CONSTRAINT "imaging_instances_uid" UNIQUE("patient_id","sop_instance_uid"),
	CONSTRAINT "imaging_instances_frames" CHECK ("imaging_instances"."frames" >= 1)
);
--> statement-breakpoint
CREATE TABLE "imaging_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid NOT NULL,
	"series_instance_uid" text NOT NULL,
	"modality" text NOT NULL,
	"series_number" integer,
	CONSTRAINT "imaging_series_uid" UNIQUE("study_id","series_instance_uid")
);
--> statement-breakpoint
CREATE TABLE "imaging_studies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"study_instance_uid" text NOT NULL,
	"study_date" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "imaging_studies_uid" UNIQUE("patient_id","study_instance_uid"),
	CONSTRAINT "imaging_studies_uid_root" CHECK ("imaging_studies"."study_instance_uid" ~ '^2\.25\.[0-9]+$')
);
--> statement-breakpoint
CREATE TABLE "panel_share_studies" (
	"share_id" uuid NOT NULL,
	"study_id" uuid NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "panel_share_studies_share_id_study_id_pk" PRIMARY KEY("share_id","study_id")
);
--> statement-breakpoint
ALTER TABLE "imaging_instances" ADD CONSTRAINT "imaging_instances_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_instances" ADD CONSTRAINT "imaging_instances_series_id_imaging_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."imaging_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_instances" ADD CONSTRAINT "imaging_instances_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_series" ADD CONSTRAINT "imaging_series_study_id_imaging_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."imaging_studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_studies" ADD CONSTRAINT "imaging_studies_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_studies" ADD CONSTRAINT "imaging_studies_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_share_studies" ADD CONSTRAINT "panel_share_studies_share_id_panel_shares_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."panel_shares"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_share_studies" ADD CONSTRAINT "panel_share_studies_study_id_imaging_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."imaging_studies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imaging_instances_series" ON "imaging_instances" USING btree ("series_id");