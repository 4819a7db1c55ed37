// Times whole reads of /proc/self/mountinfo with K extra mounts in a private namespace: bind mounts
// (short lines) or overlays of L lowerdirs each (ovl_show_options prints every lowerdir, so a line grows
// with L). Reads 4 KiB at a time, as Go's bufio does: one read() is one namespace_sem read section.
// Usage: gcc -O2 -o mountinfobytes tests/harness/mountinfobytes.c && ./mountinfobytes K L REPS
// Prints K, L, lines, bytes, read() calls, p50 us of a whole read.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e6+t.tv_nsec/1e3;}
static int cmp(const void*a,const void*b){double x=*(const double*)a,y=*(const double*)b;return x<y?-1:x>y;}
int main(int argc,char**argv){
  int K=atoi(argv[1]), L=atoi(argv[2]), reps=atoi(argv[3]);
  if(unshare(CLONE_NEWNS)){perror("unshare");return 1;}
  mount(NULL,"/",NULL,MS_REC|MS_PRIVATE,NULL);
  const char*base="/tmp/mountinfobytes.d";
  mkdir(base,0755);
  if(mount("tmpfs",base,"tmpfs",0,NULL)){perror("tmpfs");return 1;}
  char p[256]; size_t cap=(size_t)L*96+512; char*opts=malloc(cap);
  for(int l=0;l<L;l++){snprintf(p,sizeof p,"%s/layer-with-a-realistic-snapshot-path-%04d",base,l);mkdir(p,0755);}
  for(int k=0;k<K;k++){
    snprintf(p,sizeof p,"%s/m%d",base,k);mkdir(p,0755);
    if(L==0){ if(mount(base,p,NULL,MS_BIND,NULL)){perror("bind");return 1;} continue; }
    char up[128],wk[128];snprintf(up,sizeof up,"%s/u%d",base,k);snprintf(wk,sizeof wk,"%s/w%d",base,k);mkdir(up,0755);mkdir(wk,0755);
    size_t n=snprintf(opts,cap,"lowerdir=");
    for(int l=0;l<L;l++) n+=snprintf(opts+n,cap-n,"%s%s/layer-with-a-realistic-snapshot-path-%04d",l?":":"",base,l);
    snprintf(opts+n,cap-n,",upperdir=%s,workdir=%s",up,wk);
    if(mount("overlay",p,"overlay",0,opts)){perror("overlay");return 1;}}
  double*us=malloc(sizeof(double)*reps); char buf[4096]; long bytes=0,lines=0,reads=0;
  for(int r=0;r<reps;r++){
    int fd=open("/proc/self/mountinfo",O_RDONLY); long b=0,c=0,n2=0; ssize_t got;
    double a=now();
    while((got=read(fd,buf,sizeof buf))>0){b+=got;c++;for(ssize_t i=0;i<got;i++)if(buf[i]=='\n')n2++;}
    us[r]=now()-a; close(fd); bytes=b; reads=c; lines=n2;}
  qsort(us,reps,sizeof(double),cmp);
  printf("%d,%d,%ld,%ld,%ld,%.1f\n",K,L,lines,bytes,reads,us[reps/2]);
  return 0;}
